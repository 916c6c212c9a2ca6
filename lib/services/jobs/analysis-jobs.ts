// Long computations (clustering, training recommenders, evaluations) run as background jobs: the action
// that starts one answers at once with a run id, the page polls /api/model-runs/{id} for a progress bar,
// and the result lands in ModelRun. They run in this server process, one at a time, and yield to the
// event loop at every progress report so the polling requests are answered while they compute.
import { completeModelRun, createRunningModelRun, failModelRun, markModelRunStarted, reportModelRunProgress } from "../../db/model-runs";

export type Progress = (fraction: number, note: string) => Promise<void>;

export interface JobOutcome<T> {
  result: T;
  metrics?: object;
}

/** Progress is written at most this often; the last report before finishing may be skipped. */
const REPORT_EVERY_MS = 250;

let queue: Promise<unknown> = Promise.resolve();

/** Starts `work` in the background and returns the run id at once. `done` resolves when it has ended. */
export async function startAnalysisJob<T extends object>(kind: string, parameters: object, work: (progress: Progress) => Promise<JobOutcome<T>>): Promise<{ runId: number; done: Promise<void> }> {
  const runId = await createRunningModelRun(kind, parameters);
  const done = queue.then(() => runJob(runId, work));
  queue = done;
  return { runId, done };
}

async function runJob<T extends object>(runId: number, work: (progress: Progress) => Promise<JobOutcome<T>>): Promise<void> {
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
