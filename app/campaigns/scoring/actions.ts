"use server";
// Training the response models from the scoring page: a background job the page follows with a progress bar.
import { createAction } from "@/lib/action";
import { SCORING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { ScoringSettings } from "@/lib/services/scoring/training";

export const trainScoringAction = createAction({
  name: "trainScoring",
  permission: "models:train",
  input: ScoringSettings,
  audit: (s) => ({ detail: { target: s.target, models: s.models.length ? s.models : "all", split: s.split, testShare: String(s.testShare) } }),
  run: async (s) => ({ runId: await enqueueJob(SCORING_JOB, s) }),
});
