// The one job runner. Jobs wait in the Job table (so a restart loses nothing queued); any process that
// runs the queue (the web server, a CLI command waiting for its job, `npm run worker`) claims the oldest
// queued job atomically (lib/db/jobs.ts: one at a time per database on SQLite, one per runner on
// PostgreSQL) and runs it here (MARKETLENS_JOBS=inline, and in workers) or in a child process
// (scripts/run-job.ts, the default, so a two-minute fit never holds the web server's event loop).
//
// A job whose process died is failed with what it had committed: on this machine its pid is checked
// directly; on another machine (a worker there) a heartbeat silent for SILENT_MS tells.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { env } from "../../env";
import { logUnexpected, UserError } from "../../errors";
import {
  claimOldestQueuedJob,
  completeJobRow,
  endJobRow,
  findRunningJobs,
  getJobRow,
  insertJob,
  isFinishedStatus,
  type JobRow,
  type NewImportRow,
  reportJobProgress,
  requestJobCancel,
  type RunnerId,
  setJobRunner,
} from "../../db/jobs";
import { readStored } from "../../stored-json";
import { JobCancelled, type JobKindSpec, type Progress } from "./job-kind";
import { jobKindSpec } from "./job-kinds";

/** A running job silent this long is taken as dead even when its process cannot be checked (another host). */
export const SILENT_MS = 15 * 60_000;
/** Progress is written at most this often. */
const REPORT_EVERY_MS = 250;
/** A job's process proves itself alive this often while its event loop is free. */
const HEARTBEAT_MS = 5_000;
/** A child asked to cancel that has not stopped after this long is stopped. */
const CANCEL_GRACE_MS = 15_000;

export const thisRunner = (): RunnerId => ({ host: hostname(), pid: process.pid });

// Process-wide state on globalThis: Next.js builds instrumentation.ts and the server actions as separate
// entries with their own module instances, and a cancel from an action must find the job running here.
const state = ((globalThis as { marketlensJobRunner?: RunnerState }).marketlensJobRunner ??= { runningHere: new Map(), draining: null, poller: null });
interface RunnerState {
  /** Jobs this process is running, so a cancel is seen without a write that would wait on an import's lock. */
  runningHere: Map<number, { cancel: () => void }>;
  draining: Promise<number> | null;
  poller: NodeJS.Timeout | null;
}
const runningHere = state.runningHere;

// A cancel for a job running in another process on this machine arrives as SIGUSR2 (cancelJob): writing the
// flag would wait on an import's open batch. One job runs per process at a time, so the signal means it.
if (!process.listeners("SIGUSR2").some((l) => (l as { marketlensCancel?: boolean }).marketlensCancel)) {
  const onCancel = Object.assign(() => runningHere.forEach((r) => r.cancel()), { marketlensCancel: true });
  process.on("SIGUSR2", onCancel);
}

function isProcessAlive(pid: number, jobId: number): boolean {
  // This very process (a restarted server can get its old pid back) is alive for a job only if it runs it.
  if (pid === process.pid) return runningHere.has(jobId);
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Why a running job is taken as dead, or null while it lives. */
function deathOf(job: JobRow, now: number, me = thisRunner()): string | null {
  if (job.runnerHost === me.host && job.runnerPid !== null && !isProcessAlive(job.runnerPid, job.id)) return "the process running it ended";
  // Also on this machine: a pid reused by another program after a reboot must not keep a job alive forever.
  if ((job.heartbeatAt?.getTime() ?? job.startedAt?.getTime() ?? 0) < now - SILENT_MS) return "the process running it stopped answering";
  return null;
}

/** Fails every running job whose process is gone, saying what was kept; returns how many. */
export async function failDeadJobs(now = Date.now()): Promise<number> {
  let failed = 0;
  for (const job of await findRunningJobs()) {
    const death = deathOf(job, now);
    if (!death) continue;
    const after = jobKindSpec(job.kind)?.afterFailure ?? "";
    if (await endJobRow(job.id, "failed", `It stopped: ${death}.${after ? ` ${after}` : " Start it again."}`)) failed++;
  }
  return failed;
}

/**
 * Queues a job after checking its parameters (a ZodError names what is wrong); a runner in this process
 * (if any) is woken at once. They are stored with their format version.
 */
export async function enqueueJob<P extends { version: number }>(spec: JobKindSpec<P>, parameters: Omit<P, "version">, importRow?: NewImportRow): Promise<number> {
  const checked = spec.parameters.schema.parse({ ...parameters, version: spec.parameters.version });
  const id = await insertJob(spec.kind, checked as object, importRow);
  wakeRunner();
  return id;
}

/**
 * Cancels a queued job at once, or asks a running one to stop at its next progress report. A running import
 * holds the write lock between its commits, so a job on this machine is told without a write: directly
 * when it runs in this process, by signal when in another; it records the cancel itself when it stops.
 */
export async function cancelJob(id: number): Promise<"cancelled" | "requested" | "finished" | "missing"> {
  const here = runningHere.get(id);
  if (here) {
    here.cancel();
    return "requested";
  }
  const job = await getJobRow(id);
  if (job?.status === "running" && job.runnerHost === thisRunner().host && job.runnerPid !== null && job.runnerPid !== process.pid) {
    try {
      process.kill(job.runnerPid, "SIGUSR2");
      return "requested";
    } catch {
      // Gone or not ours: the flag below, and the dead-job check, take it from here.
    }
  }
  return requestJobCancel(id);
}

/** Runs one claimed job in this process and records its outcome; also the body of scripts/run-job.ts. */
export async function runClaimedJob(id: number): Promise<void> {
  const job = await getJobRow(id);
  if (!job || job.status !== "running") return;
  if (!(await setJobRunner(id, thisRunner()))) return;
  const spec = jobKindSpec(job.kind);
  if (!spec) {
    await endJobRow(id, "failed", `There is no job of kind "${job.kind}" in this version of MarketLens.`);
    return;
  }
  let parameters: { version: number };
  try {
    parameters = readStored(spec.parameters, job.parameters, `job ${id}`);
  } catch (e) {
    // An older or newer format, or a damaged row: its message names which and what to do.
    await endJobRow(id, "failed", e instanceof Error ? e.message : String(e));
    return;
  }
  let cancelAsked = false;
  runningHere.set(id, { cancel: () => (cancelAsked = true) });
  let last = 0;
  const progress: Progress = async (fraction, note) => {
    if (cancelAsked) throw new JobCancelled();
    const now = Date.now();
    if (now - last >= REPORT_EVERY_MS) {
      last = now;
      // A report lost to a busy database (an import holding the write lock) must not lose the work.
      const r = await reportJobProgress(id, Math.min(1, Math.max(0, fraction)), note).catch(() => null);
      if (r?.cancelRequested) throw new JobCancelled();
    }
    // Lets the heartbeat and the server's requests in between a fit's steps.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const beat = spec.ownHeartbeat ? null : setInterval(() => void reportJobProgress(id, null, null).catch(() => undefined), HEARTBEAT_MS);
  beat?.unref();
  try {
    const outcome = await spec.run(parameters, { jobId: id, progress, isCancelAsked: () => cancelAsked });
    await completeJobRow(id, outcome.result, outcome.metrics, outcome.message ?? null);
  } catch (e) {
    await endJobRow(id, ...describeFailure(e, spec, id)).catch(() => undefined);
  } finally {
    if (beat) clearInterval(beat);
    runningHere.delete(id);
  }
}

/** The status and message a job ends with when its body throws: the person's own words, or a reference. */
export function describeFailure(e: unknown, spec: Pick<JobKindSpec, "kind" | "afterFailure">, id: number): ["failed" | "cancelled", string] {
  if (e instanceof JobCancelled) return ["cancelled", e.message];
  const after = spec.afterFailure ? ` ${spec.afterFailure}` : "";
  if (e instanceof UserError) return ["failed", after ? `${e.message.replace(/[.!?]?$/, ".")}${after}` : e.message];
  const ref = logUnexpected(e, `job ${id} ${spec.kind}`);
  return ["failed", `It failed unexpectedly (reference ${ref}; the server log has the details).${after || " Start it again."}`];
}

const RUNNER_SCRIPT = "scripts/run-job.ts";

/** Runs a claimed job in a child process, proving it alive meanwhile and stopping it when cancelled. */
function runInChild(job: { id: number; kind: string }): Promise<void> {
  const spec = jobKindSpec(job.kind);
  return new Promise((resolve) => {
    // The runner and tsx resolve from the project folder, where `npm start` runs the server.
    if (!existsSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), RUNNER_SCRIPT))) {
      void endJobRow(job.id, "failed", `The job runner ${RUNNER_SCRIPT} is not in ${process.cwd()}: start the server from the project folder (npm start), or set MARKETLENS_JOBS=inline.`)
        .catch(() => undefined)
        .then(() => resolve());
      return;
    }
    // The heap as the CLI sizes it (package.json "cli"). Young generation: an import's rows die young, and
    // with Prisma's client in the process the default 16 MB made scavenges cost ~1.5 s of a 5 s import. Old
    // generation capped at 1.5 GB: on a 24 GB machine V8 lets garbage grow to 4 GB before collecting it in
    // earnest (the 1M-customer seed reached 2.5 GB RSS with under 1 GB live; capped, 1.2 GB). Typed arrays,
    // where models and event columns live, are outside this cap.
    const child = spawn(process.execPath, ["--max-semi-space-size=64", "--max-old-space-size=1536", "--import", "tsx", RUNNER_SCRIPT, String(job.id)], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] });
    // A job does not outlive its server: the next runner fails it as dead (its pid is gone).
    const stop = () => child.kill();
    process.once("exit", stop);
    let cancelSeenAt = 0;
    let lastBeat = 0;
    const watch = setInterval(() => {
      // An import writes its own heartbeat inside its batches; a write from here would wait on their lock.
      const report = spec?.ownHeartbeat ? getJobRow(job.id).then((r) => ({ cancelRequested: r?.cancelRequested ?? false, beat: r?.heartbeatAt?.getTime() ?? 0 })) : reportJobProgress(job.id, null, null).then((r) => ({ ...r, beat: 0 }));
      void report
        .then((r) => {
          if (!r.cancelRequested) return;
          // A job still beating is still winding down (an import rebuilding its indexes): give it the time.
          if (!cancelSeenAt || r.beat > lastBeat) cancelSeenAt = Date.now();
          lastBeat = r.beat;
          if (Date.now() - cancelSeenAt > CANCEL_GRACE_MS) child.kill();
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    const ended = (why: string) => {
      clearInterval(watch);
      process.off("exit", stop);
      // The child records its own outcome; this only catches one that could not (it died, or was stopped).
      const outcome: ["failed" | "cancelled", string] = cancelSeenAt
        ? ["cancelled", `Cancelled: it did not stop in time, so it was stopped. ${spec?.afterFailure || "Nothing was stored."}`]
        : ["failed", `It stopped unexpectedly (${why}).${spec?.afterFailure ? ` ${spec.afterFailure}` : " Start it again."}`];
      void endJobRow(job.id, ...outcome)
        .catch(() => undefined)
        .then(() => resolve());
    };
    child.on("error", (e) => ended(e.message));
    child.on("exit", (code, signal) => ended(signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

/**
 * Waits for a job to end, working the queue in this process meanwhile (the CLI, tests), unless another
 * runner (a server) has it. Returns the finished job.
 */
export async function runJobHere(id: number, onTick?: (job: JobRow) => void): Promise<JobRow> {
  // Ticks go on while the job runs here too: its work yields between steps.
  const ticker = onTick ? setInterval(() => void getJobRow(id).then((j) => j && !isFinishedStatus(j.status) && onTick(j)).catch(() => undefined), 1_000) : null;
  try {
    for (;;) {
      const job = await getJobRow(id);
      if (!job) throw new UserError(`There is no job ${id}.`, "not_found");
      if (isFinishedStatus(job.status)) return job;
      if (job.status === "queued" && (await runQueuedJobs("inline", id)) > 0) continue;
      // Its process may have died (a server stopped mid-job): then nobody else will end it.
      if (job.status === "running" && (await failDeadJobs()) > 0) continue;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

/**
 * Runs queued jobs one after another until none is left (or one runs elsewhere, or job `until` has
 * ended, or `stop` says so between jobs); returns how many ran here. Calls made while a drain is under
 * way join it.
 */
export function runQueuedJobs(mode: "inline" | "process" = env.MARKETLENS_JOBS === "process" ? "process" : "inline", until?: number, stop?: () => boolean): Promise<number> {
  state.draining ??= (async () => {
    let ran = 0;
    try {
      for (;;) {
        if (stop?.()) return ran;
        await failDeadJobs();
        const job = await claimOldestQueuedJob(thisRunner());
        if (!job) return ran;
        await (mode === "process" ? runInChild(job) : runClaimedJob(job.id));
        ran++;
        // A CLI waiting for its own job stops there, leaving later jobs to the server.
        if (job.id === until) return ran;
      }
    } finally {
      state.draining = null;
    }
  })();
  return state.draining;
}

function wakeRunner(): void {
  if (state.poller) void runQueuedJobs().catch((e: unknown) => console.error("job runner:", e instanceof Error ? e.message : e));
}

/**
 * Makes this process a runner: it works the queue now, whenever a job is queued here, and every `pollMs`
 * (jobs queued by other processes, the CLI, or left from before a restart).
 */
export function startJobRunner(pollMs = 2_000): void {
  if (state.poller) return;
  state.poller = setInterval(wakeRunner, pollMs);
  state.poller.unref();
  wakeRunner();
}
