// Every kind of background job, in one registry: what its parameters are, what it runs, how it is named.
// The runner finds a claimed job's kind here, whichever process runs it (the server, its child, the CLI).
// A new kind adds one entry.
import { ATTRIBUTION_RUN_KIND, ATTRIBUTION_SHAPES, attributionJob } from "../campaigns/attribution";
import { UPLIFT_RUN_KIND, UPLIFT_SHAPES, upliftJob } from "../campaigns/uplift";
import { importJob } from "../import/import-job";
import { EVALUATION_RUN_KIND, EVALUATION_SHAPES, evaluationJob } from "../recs/evaluation";
import { RECS_RUN_KIND, TRAINING_SHAPES, trainingJob } from "../recs/training";
import { SCORING_RUN_KIND, SCORING_SHAPES, scoringJob } from "../scoring/training";
import { FILE_SCORING_JOB } from "../scoring/file-evaluation";
import { CLUSTER_RUN_KIND, CLUSTER_SHAPES, clustersJob } from "../segments/clusters";
import type { JobKindSpec } from "./job-kind";

type ParametersOf<S> = S extends { parameters: { schema: { _output: infer P } } } ? P & { version: number } : never;

export const CLUSTERS_JOB: JobKindSpec<ParametersOf<typeof CLUSTER_SHAPES>> = {
  kind: CLUSTER_RUN_KIND,
  label: "Finding clusters",
  parameters: CLUSTER_SHAPES.parameters,
  run: (p, ctx) => clustersJob(p, ctx.progress),
  afterFailure: "",
};

export const TRAINING_JOB: JobKindSpec<ParametersOf<typeof TRAINING_SHAPES>> = {
  kind: RECS_RUN_KIND,
  label: "Training the recommenders",
  parameters: TRAINING_SHAPES.parameters,
  run: (p, ctx) => trainingJob(p, ctx),
  afterFailure: "",
};

export const EVALUATION_JOB: JobKindSpec<ParametersOf<typeof EVALUATION_SHAPES>> = {
  kind: EVALUATION_RUN_KIND,
  label: "Evaluating the recommenders",
  parameters: EVALUATION_SHAPES.parameters,
  run: (p, ctx) => evaluationJob(p, ctx.progress),
  afterFailure: "",
};

export const ATTRIBUTION_JOB: JobKindSpec<ParametersOf<typeof ATTRIBUTION_SHAPES>> = {
  kind: ATTRIBUTION_RUN_KIND,
  label: "Attributing purchases to campaigns",
  parameters: ATTRIBUTION_SHAPES.parameters,
  run: (p, ctx) => attributionJob(p, ctx.progress),
  afterFailure: "",
};

export const SCORING_JOB: JobKindSpec<ParametersOf<typeof SCORING_SHAPES>> = {
  kind: SCORING_RUN_KIND,
  label: "Training the response models",
  parameters: SCORING_SHAPES.parameters,
  run: (p, ctx) => scoringJob(p, ctx.progress),
  afterFailure: "",
};

export const UPLIFT_JOB: JobKindSpec<ParametersOf<typeof UPLIFT_SHAPES>> = {
  kind: UPLIFT_RUN_KIND,
  label: "Measuring the campaign's uplift",
  parameters: UPLIFT_SHAPES.parameters,
  run: (p, ctx) => upliftJob(p, ctx.progress),
  afterFailure: "",
};

/** Any kind, as the runner sees it: parameters are read through the kind's own shape before it runs. */
export type AnyJobKind = JobKindSpec<{ version: number }>;

export const JOB_KINDS: ReadonlyMap<string, AnyJobKind> = new Map(([importJob, CLUSTERS_JOB, TRAINING_JOB, EVALUATION_JOB, ATTRIBUTION_JOB, SCORING_JOB, UPLIFT_JOB, FILE_SCORING_JOB] as unknown as AnyJobKind[]).map((s) => [s.kind, s]));

export function jobKindSpec(kind: string): AnyJobKind | null {
  return JOB_KINDS.get(kind) ?? null;
}
