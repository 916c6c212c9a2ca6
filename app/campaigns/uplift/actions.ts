"use server";
// Measuring a campaign's uplift against its holdout (a background job the page follows), and saving the
// persuadables it finds as a segment; the members are read from the stored run on the server.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { savePersuadables, UpliftSettings } from "@/lib/services/campaigns/uplift";
import { UPLIFT_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob } from "@/lib/services/jobs/runner";

export const measureUpliftAction = createAction({
  name: "measureUplift",
  permission: "models:train",
  input: UpliftSettings,
  audit: (s) => ({ detail: { testGroup: s.testGroup, windowDays: String(s.windowDays), base: s.base } }),
  run: async (s) => ({ runId: await enqueueJob(UPLIFT_JOB, s) }),
});

export const savePersuadablesAction = createAction({
  name: "savePersuadables",
  permission: "segments:write",
  input: z.object({ runId: z.number().int().positive(), name: z.string().trim().min(1, "give the audience a name").max(120) }),
  revalidate: ["/segments"],
  audit: (_input, data: { id: number; memberCount: number } | null) => ({ target: data ? `segment ${data.id}` : null, detail: data ? { members: data.memberCount } : undefined }),
  run: async ({ runId, name }) => {
    const saved = await savePersuadables(runId, name);
    return { id: saved.id, memberCount: saved.memberCount };
  },
});
