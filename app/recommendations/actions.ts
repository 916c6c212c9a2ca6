"use server";
// Training the recommenders from the preview page: a background job the page follows with a progress bar.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { TRAINING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { DEFAULT_INTERACTIONS } from "@/lib/services/recs/training-data";

const weight = z.number().finite().min(0, "a weight must be 0 or more").max(1000, "a weight must be at most 1,000");

export const trainModelsAction = createAction({
  name: "trainModels",
  input: z.object({
    /** Weight per event type; when left out, the defaults (purchase 5, cart 3, click 1, view 0.5, rating 1). */
    weights: z
      .record(z.string().min(1).max(60), weight)
      .refine((w) => Object.values(w).some((v) => v > 0), "give at least one event type a weight above 0")
      .optional(),
    halfLifeDays: z.number().int("the half-life is a whole number of days").min(1, "the half-life must be at least 1 day").max(3650).optional(),
  }),
  run: async ({ weights, halfLifeDays }) => {
    const interactions = { ...DEFAULT_INTERACTIONS, ...(weights ? { weights } : {}), ...(halfLifeDays ? { halfLifeDays } : {}) };
    return { runId: await enqueueJob(TRAINING_JOB, { interactions, algorithms: [] }) };
  },
});
