// What every kind of background job declares, and what a job's body is given. Types only, so services
// can write job bodies without importing the runner (which imports them).
import type { StoredShape } from "../../stored-json";

/** Reports how far a job has come (0..1) and what it is doing, in words. Throws JobCancelled once a cancel was asked. */
export type Progress = (fraction: number, note: string) => Promise<void>;

export interface JobContext {
  jobId: number;
  progress: Progress;
  /** True once a cancel was asked in this process (a job that reports progress learns it from `progress`). */
  isCancelAsked(): boolean;
}

export interface JobOutcome {
  /** What the job produced, stored in Job.result (null when its effect is the data it wrote, as an import's). */
  result: object | null;
  metrics?: object;
  /** A note for the person beside a completed job ("12 rows were refused; download them …"). */
  message?: string | null;
}

export interface JobKindSpec<P extends { version: number } = { version: number }> {
  kind: string;
  /** What the job does, for progress bars and the CLI: "Finding clusters". */
  label: string;
  /**
   * The parameters' stored shape: checked when the job is queued, read through it (older versions
   * migrated, unreadable ones refused) when it is run, so a stored row is never misread.
   */
  parameters: StoredShape<P>;
  run(parameters: P, ctx: JobContext): Promise<JobOutcome>;
  /**
   * The kind writes its own heartbeat (an import does, in each batch's transaction): the runner then
   * writes nothing to the job while it runs, since a second writer would wait on the batch's lock.
   */
  ownHeartbeat?: boolean;
  /** Said of a failure, after its reason: what happened to the work done so far. */
  afterFailure: string;
}

/** Thrown by a job (or its progress report) when a cancel was asked; the message says what was kept. */
export class JobCancelled extends Error {
  constructor(message = "Cancelled while it ran; nothing was stored.") {
    super(message);
    this.name = "JobCancelled";
  }
}
