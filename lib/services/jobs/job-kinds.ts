// Every kind of background job, in one registry: what its parameters are, what it runs, how it is named.
// The runner finds a claimed job's kind here, whichever process runs it (the server, its child, the CLI).
// New kinds (attribution, scoring) add one entry.
import { z } from "zod";
import { importJob } from "../import/import-job";
import { EVALUATION_RUN_KIND, type EvaluationSettings, evaluationJob } from "../recs/evaluation";
import { RECS_RUN_KIND, trainingJob, type TrainSettings } from "../recs/training";
import { CLUSTER_RUN_KIND, type ClusterRequest, clustersJob } from "../segments/clusters";
import type { JobKindSpec } from "./job-kind";

const object = <T>() => z.custom<T>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "must be an object");

export const CLUSTERS_JOB: JobKindSpec<ClusterRequest> = {
  kind: CLUSTER_RUN_KIND,
  label: "Finding clusters",
  parameters: object<ClusterRequest>(),
  run: (p, ctx) => clustersJob(p, ctx.progress),
  afterFailure: "",
};

export const TRAINING_JOB: JobKindSpec<TrainSettings> = {
  kind: RECS_RUN_KIND,
  label: "Training the recommenders",
  parameters: object<TrainSettings>(),
  run: (p, ctx) => trainingJob(p, ctx.progress),
  afterFailure: "",
};

export const EVALUATION_JOB: JobKindSpec<EvaluationSettings> = {
  kind: EVALUATION_RUN_KIND,
  label: "Evaluating the recommenders",
  parameters: object<EvaluationSettings>(),
  run: (p, ctx) => evaluationJob(p, ctx.progress),
  afterFailure: "",
};

export const IMPORT_JOB = importJob;

const ALL: readonly JobKindSpec<never>[] = [IMPORT_JOB, CLUSTERS_JOB, TRAINING_JOB, EVALUATION_JOB] as unknown as JobKindSpec<never>[];

export const JOB_KINDS: ReadonlyMap<string, JobKindSpec<unknown>> = new Map(ALL.map((s) => [s.kind, s as unknown as JobKindSpec<unknown>]));

export function jobKindSpec(kind: string): JobKindSpec<unknown> | null {
  return JOB_KINDS.get(kind) ?? null;
}
