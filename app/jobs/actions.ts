"use server";
// Cancelling any background job, from whichever page follows it.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { UserError } from "@/lib/errors";
import { cancelJob } from "@/lib/services/jobs/runner";

export const cancelJobAction = createAction({
  name: "cancelJob",
  permission: "models:train",
  input: z.object({ jobId: z.number().int().positive() }),
  run: async ({ jobId }) => {
    const outcome = await cancelJob(jobId);
    if (outcome === "missing") throw new UserError("There is no such job.", "not_found");
    return { outcome };
  },
});
