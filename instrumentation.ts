// Next.js calls register() once when a server starts: the server becomes a job runner, so jobs queued by
// its pages, by the CLI, or before a restart run (lib/services/jobs/runner.ts).
export async function register() {
  // NEXT_RUNTIME is Next's own switch between its Node.js and edge runtimes, not app configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // MARKETLENS_JOBS=worker: this server only queues; `npm run worker` processes run the jobs.
  const { env } = await import("./lib/env");
  if (env.MARKETLENS_JOBS === "worker") return;
  const { startJobRunner } = await import("./lib/services/jobs/runner");
  startJobRunner();
}
