"use server";
// Starting an offline evaluation from the evaluation page: a background job the page follows.
import { createAction } from "@/lib/action";
import { EVALUATION_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { EvaluationSettings } from "@/lib/services/recs/evaluation";

export const evaluateAction = createAction({
  name: "evaluateRecommenders",
  permission: "models:train",
  // The same schema the job's stored parameters are read with; the seed is fixed here.
  input: EvaluationSettings.pick({ split: true, testFrom: true, relevance: true, k: true, algorithms: true }),
  audit: (input) => ({ detail: { split: input.split, relevance: input.relevance, k: input.k } }),
  run: async (input) => {
    return { runId: await enqueueJob(EVALUATION_JOB, { ...input, seed: 42 }) };
  },
});
