// Every kind of background job and its work, for the child-process runner (scripts/run-job.ts): the
// runner reads a run's kind and parameters from ModelRun and calls the same function the inline path does.
import { evaluationJob, EVALUATION_RUN_KIND, type EvaluationSettings } from "../recs/evaluation";
import { RECS_RUN_KIND, trainingJob, type TrainSettings } from "../recs/training";
import { CLUSTER_RUN_KIND, type ClusterRequest, clustersJob } from "../segments/clusters";
import type { JobWork } from "./analysis-jobs";

export const JOB_KINDS: Record<string, (parameters: unknown) => JobWork<object>> = {
  [CLUSTER_RUN_KIND]: (p) => (progress) => clustersJob(p as ClusterRequest, progress),
  [RECS_RUN_KIND]: (p) => (progress) => trainingJob(p as TrainSettings, progress),
  [EVALUATION_RUN_KIND]: (p) => (progress) => evaluationJob(p as EvaluationSettings, progress),
};
