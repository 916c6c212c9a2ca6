"use server";
// Scoring an uploaded CSV (uploaded through POST /api/imports/uploads): what the form shows of the file,
// and the evaluation itself, a background job the page follows with a progress bar.
import { z } from "zod";
import { createAction } from "@/lib/action";
import { enqueueJob } from "@/lib/services/jobs/runner";
import { checkFileScoringStart, FILE_SCORING_JOB, FileScoringSettings, inspectUpload } from "@/lib/services/scoring/file-evaluation";

export const inspectFileAction = createAction({
  name: "inspectScoringFile",
  permission: "models:train",
  input: z.object({ uploadId: FileScoringSettings.shape.uploadId, target: z.string().trim().min(1).max(500).optional() }),
  run: ({ uploadId, target }) => inspectUpload(uploadId, target),
});

export const evaluateFileAction = createAction({
  name: "evaluateFile",
  permission: "models:train",
  input: FileScoringSettings,
  // Column names and values stay out of the audit log: they are the file's own words.
  audit: (s, data: { runId: number } | null) => ({ target: data ? `job ${data.runId}` : null, detail: { models: s.models.length ? s.models : "all", split: s.split, testShare: String(s.testShare), dropped: s.drop.length } }),
  // Columns that are not in the file are refused here, before a job exists.
  run: async (s) => {
    await checkFileScoringStart(s);
    return { runId: await enqueueJob(FILE_SCORING_JOB, s) };
  },
});
