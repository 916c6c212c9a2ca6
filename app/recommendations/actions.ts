"use server";
// Training the recommenders from the preview page: a background job the page follows with a progress bar.
import { createAction } from "@/lib/action";
import { TRAINING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { DEFAULT_INTERACTIONS, InteractionSettings } from "@/lib/services/recs/training-data";

export const trainModelsAction = createAction({
  name: "trainModels",
  permission: "models:train",
  // The same schema the job's stored parameters are read with. Weight per event type; when left out, the
  // defaults (purchase 5, cart 3, click 1, view 0.5, rating 1).
  input: InteractionSettings.pick({ weights: true, halfLifeDays: true }).partial(),
  audit: ({ weights, halfLifeDays }) => ({ detail: { weights: weights ? Object.entries(weights).map(([t, w]) => `${t}=${w}`) : "defaults", halfLifeDays: halfLifeDays ?? null } }),
  run: async ({ weights, halfLifeDays }) => {
    const interactions = { ...DEFAULT_INTERACTIONS, ...(weights ? { weights } : {}), ...(halfLifeDays ? { halfLifeDays } : {}) };
    return { runId: await enqueueJob(TRAINING_JOB, { interactions, algorithms: [] }) };
  },
});
