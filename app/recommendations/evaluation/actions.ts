"use server";
// Starting an offline evaluation from the evaluation page: a background job the page follows.
import { createAction } from "@/lib/action";
import { EvaluationSettings, startEvaluationJob } from "@/lib/services/recs/evaluation";

export const evaluateAction = createAction({
  name: "evaluateRecommenders",
  // The same schema the job's stored parameters are read with; the seed is fixed here.
  input: EvaluationSettings.pick({ split: true, testFrom: true, relevance: true, k: true, algorithms: true }),
  run: async (input) => {
    const { runId } = await startEvaluationJob({ ...input, seed: 42 });
    return { runId };
  },
});
