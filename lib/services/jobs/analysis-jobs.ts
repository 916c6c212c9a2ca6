// Long computations (clustering, training recommenders, evaluations) run as background jobs: the action
// that starts one answers at once with a run id, the page polls /api/model-runs/{id} for a progress bar,
// and the result lands in ModelRun. Jobs run one at a time per server. By default each runs in a child
// process (scripts/run-job.ts), so a two-minute fit at 100,000 customers does not hold the web server's
// event loop; with MARKETLENS_JOBS=inline it runs in this process, yielding at every progress report.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
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
  queue = done.catch(() => undefined);
  return { runId, done };
}

const RUNNER = "scripts/run-job.ts";

function runInChild(runId: number): Promise<void> {
  return new Promise((resolve) => {
    // The runner and tsx resolve from the project folder, where `npm start` runs the server.
    if (!existsSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), RUNNER))) {
      void failUnfinishedModelRun(runId, `The job runner ${RUNNER} is not in ${process.cwd()}: start the server from the project folder (npm start), or set MARKETLENS_JOBS=inline.`)
        .catch(() => undefined)
        .then(() => resolve());
      return;
    }
    const child = spawn(process.execPath, ["--import", "tsx", RUNNER, String(runId)], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] });
    // A job does not outlive its server: the next server's start fails what was left unfinished.
    const stop = () => child.kill();
    process.once("exit", stop);
    const ended = (why: string) => {
      process.off("exit", stop);
      // The runner records its own outcome; this only catches a child that could not (it died, or its
      // last write met a locked database). It changes nothing once the run has ended.
      void failUnfinishedModelRun(runId, `The computation stopped unexpectedly (${why}). Start it again.`)
        .catch(() => undefined)
        .then(() => resolve());
    };
    child.on("error", (e) => ended(e.message));
    child.on("exit", (code, signal) => ended(signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

/** Runs one job to its end and records the outcome; also the body of the child-process runner. */
export async function runJob<T extends object>(runId: number, work: JobWork<T>): Promise<void> {
  let last = 0;
  const progress: Progress = async (fraction, note) => {
    const now = Date.now();
    if (now - last >= REPORT_EVERY_MS) {
      last = now;
      // A progress line lost to a busy database (an import holding the write lock) must not lose the fit.
      await reportModelRunProgress(runId, Math.min(1, Math.max(0, fraction)), note).catch(() => undefined);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  try {
    // Only a run still queued is computed: one failed at a restart stays failed.
    if (!(await markModelRunStarted(runId))) return;
    const outcome = await work(progress);
    await completeModelRun(runId, outcome.result, outcome.metrics);
  } catch (e) {
    // RangeErrors from lib/ml carry a message written for people (k too large, too few customers).
    const message = e instanceof RangeError ? e.message : "The computation failed unexpectedly. The server log has the details.";
    if (!(e instanceof RangeError)) console.error(`analysis job ${runId} failed`, e instanceof Error ? e.stack : e);
    await failModelRun(runId, message).catch(() => undefined);
  }
}
