"use server";
// Training the recommenders from the preview page: a background job the page follows with a progress bar.
import { createAction } from "@/lib/action";
import { startTrainingJob } from "@/lib/services/recs/training";
import { DEFAULT_INTERACTIONS, InteractionSettings } from "@/lib/services/recs/training-data";

export const trainModelsAction = createAction({
  name: "trainModels",
  // The same schema the job's stored parameters are read with. Weight per event type; when left out, the
  // defaults (purchase 5, cart 3, click 1, view 0.5, rating 1).
  input: InteractionSettings.pick({ weights: true, halfLifeDays: true }).partial(),
  run: async ({ weights, halfLifeDays }) => {
    const interactions = { ...DEFAULT_INTERACTIONS, ...(weights ? { weights } : {}), ...(halfLifeDays ? { halfLifeDays } : {}) };
    const { runId } = await startTrainingJob({ interactions, algorithms: [] });
    return { runId };
  },
});
