// Results of finished analysis jobs (segmentations, trained recommenders, evaluations), read by the
// services that show or serve them. The jobs themselves live in lib/db/jobs.ts; this is the typed view
// of one kind's stored result.
import { getJobResult, getLatestJobId, getLatestJobResult, type JobResultRow, updateJobResult } from "./jobs";

export interface ModelRunRecord<T> {
  id: number;
  kind: string;
  parameters: unknown;
  result: T;
  finishedAt: Date;
}

const typed = <T>(r: JobResultRow | null): ModelRunRecord<T> | null => (r ? { ...r, result: r.result as T } : null);

export async function modelRunById<T>(id: number): Promise<ModelRunRecord<T> | null> {
  return typed<T>(await getJobResult(id));
}

export async function latestModelRun<T>(kind: string): Promise<ModelRunRecord<T> | null> {
  return typed<T>(await getLatestJobResult(kind));
}

/** The newest completed run's id and end, without reading its (possibly large) stored result. */
export const latestModelRunId = getLatestJobId;

/** Replaces the stored result of a finished run (e.g. cluster names edited by a person). */
export const updateModelRunResult = updateJobResult;
