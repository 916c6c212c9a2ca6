"use server";
// Training the recommenders from the preview page: a background job the page follows with a progress bar.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { startTrainingJob } from "@/lib/services/recs/training";

export const trainModelsAction = createAction({
  name: "trainModels",
  input: z.object({}),
  run: async () => {
    const { runId } = await startTrainingJob();
    return { runId };
  },
});
