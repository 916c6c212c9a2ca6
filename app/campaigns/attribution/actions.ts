"use server";
// Starting an attribution run from its page: a background job the page follows with a progress bar.
import { createAction } from "@/lib/action";
import { AttributionRequest } from "@/lib/services/campaigns/attribution";
import { ATTRIBUTION_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";

export const runAttributionAction = createAction({
  name: "runAttribution",
  permission: "models:train",
  input: AttributionRequest,
  audit: (req) => ({ detail: { clickWindowDays: String(req.clickWindowDays), impressionWindowDays: String(req.impressionWindowDays), includeImpressions: String(req.includeImpressions), halfLifeDays: String(req.halfLifeDays) } }),
  run: async (req) => ({ runId: await enqueueJob(ATTRIBUTION_JOB, req) }),
});
