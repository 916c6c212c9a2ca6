// Long computations (clustering, training recommenders, evaluations) run as background jobs: the action
// that starts one answers at once with a run id, the page polls /api/model-runs/{id} for a progress bar,
// and the result lands in ModelRun. Jobs run one at a time per server. By default each runs in a child
// process (scripts/run-job.ts), so a two-minute fit at 100,000 customers does not hold the web server's
// event loop; with MARKETLENS_JOBS=inline it runs in this process, yielding at every progress report.
import { spawn } from "node:child_process";
import { completeModelRun, createRunningModelRun, failModelRun, failUnfinishedModelRun, markModelRunStarted, reportModelRunProgress } from "../../db/model-runs";
import { env } from "../../env";

export type Progress = (fraction: number, note: string) => Promise<void>;

export interface JobOutcome<T> {
  result: T;
  metrics?: object;
}

export type JobWork<T extends object> = (progress: Progress) => Promise<JobOutcome<T>>;

/** Progress is written at most this often; the last report before finishing may be skipped. */
const REPORT_EVERY_MS = 250;

let queue: Promise<unknown> = Promise.resolve();

/**
 * Queues a job and returns its run id at once; `done` resolves when it has ended. `work` runs inline; in a
 * child process the runner finds the same work by `kind` (lib/services/jobs/job-kinds.ts).
 */
export async function startAnalysisJob<T extends object>(kind: string, parameters: object, work: JobWork<T>): Promise<{ runId: number; done: Promise<void> }> {
  const runId = await createRunningModelRun(kind, parameters);
  const run = env.MARKETLENS_JOBS === "process" ? () => runInChild(runId) : () => runJob(runId, work);
  const done = queue.then(run);
  queue = done;
  return { runId, done };
}

function runInChild(runId: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/run-job.ts", String(runId)], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] });
    const ended = (why: string | null) => {
      // The runner records its own outcome; this only catches a child that died before it could.
      const settle = why ? failUnfinishedModelRun(runId, `The computation stopped unexpectedly (${why}). Start it again.`) : Promise.resolve();
      void settle.catch(() => undefined).then(() => resolve());
    };
    child.on("error", (e) => ended(e.message));
    child.on("exit", (code, signal) => ended(code === 0 ? null : signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

/** Runs one job to its end and records the outcome; also the body of the child-process runner. */
export async function runJob<T extends object>(runId: number, work: JobWork<T>): Promise<void> {
  let last = 0;
  const progress: Progress = async (fraction, note) => {
    const now = Date.now();
    if (now - last >= REPORT_EVERY_MS) {
      last = now;
      await reportModelRunProgress(runId, Math.min(1, Math.max(0, fraction)), note);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  try {
    await markModelRunStarted(runId);
    const outcome = await work(progress);
    await completeModelRun(runId, outcome.result, outcome.metrics);
  } catch (e) {
    // RangeErrors from lib/ml carry a message written for people (k too large, too few customers).
    const message = e instanceof RangeError ? e.message : "The computation failed unexpectedly. The server log has the details.";
    if (!(e instanceof RangeError)) console.error(`analysis job ${runId} failed`, e instanceof Error ? e.stack : e);
    await failModelRun(runId, message).catch(() => undefined);
  }
}
