"use server";
// Starting an offline evaluation from the evaluation page: a background job the page follows.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { isAlgorithm } from "@/lib/ml/recs/registry";
import type { AlgorithmName } from "@/lib/ml/recs/types";
import { EVALUATION_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";

export const evaluateAction = createAction({
  name: "evaluateRecommenders",
  input: z.object({
    split: z.enum(["user", "time"]),
    testFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "give the test start as YYYY-MM-DD").optional(),
    relevance: z.enum(["new-items", "all"]),
    k: z.number().int().min(1, "k must be at least 1").max(50, "k must be at most 50"),
    algorithms: z.array(z.string().refine(isAlgorithm, "is not an algorithm")).min(1, "choose at least one algorithm"),
  }),
  run: async (input) => {
    return { runId: await enqueueJob(EVALUATION_JOB, { ...input, seed: 42, algorithms: input.algorithms as AlgorithmName[] }) };
  },
});
