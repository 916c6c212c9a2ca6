// The file-scoring page's actions through lib/action.ts on a throw-away database: who may call them, what
// the form is told about an upload, and the settings refused before any job is queued.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actAs } from "@/lib/auth/test-support";
import { getJobRow } from "@/lib/db/jobs";
import { removeUpload, saveUpload, uploadPath } from "@/lib/services/import/uploads";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { FILE_SCORING_RUN_KIND } from "@/lib/services/scoring/file-evaluation";
import { evaluateFileAction, inspectFileAction } from "./actions";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

// 130 rows: bought = yes when visits > 5; region is a category.
const CSV = ["visits,region,bought", ...Array.from({ length: 130 }, (_, i) => `${i % 11},${["north", "south"][i % 2]},${i % 11 > 5 ? "yes" : "no"}`)].join("\n") + "\n";
let uploadId = "";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  uploadId = (await saveUpload(Readable.from([Buffer.from(CSV)]), null, "leads.csv")).uploadId;
});
afterAll(() => removeUpload(uploadPath(uploadId)));

describe("file scoring actions", () => {
  it("tells the form the columns and the target's values", async () => {
    await actAs("analyst");
    const r = await inspectFileAction({ uploadId });
    expect(r).toEqual({
      ok: true,
      data: {
        fileName: "leads.csv",
        rowsRead: 130,
        wholeFile: true,
        columns: [
          { name: "visits", kind: "numeric" },
          { name: "region", kind: "categorical" },
          { name: "bought", kind: "target" },
        ],
        timeColumn: null,
        target: { name: "bought", values: ["no", "yes"], more: false, positive: "yes" },
      },
    });
  });

  it("queues the job with its checked settings, and refuses columns the file does not have before any job exists", async () => {
    await actAs("analyst");
    const started = await evaluateFileAction({ uploadId, target: "bought", positive: "yes", models: ["logistic"] });
    if (!started.ok) throw new Error(started.message);
    const job = await getJobRow(started.data.runId);
    expect(job).toMatchObject({ kind: FILE_SCORING_RUN_KIND, status: "queued" });
    expect(job!.parameters).toEqual({ version: 1, uploadId, target: "bought", positive: "yes", drop: [], categorical: [], split: "random", testShare: 0.2, seed: 42, models: ["logistic"] });
    expect(await evaluateFileAction({ uploadId, target: "churned" })).toEqual({ ok: false, code: "rejected", message: 'Target column: no column "churned" (columns: visits, region, bought)' });
    expect(await evaluateFileAction({ uploadId, target: "bought", drop: ["bought"] })).toEqual({ ok: false, code: "rejected", message: 'Columns to drop: "bought" is the target' });
    expect(await evaluateFileAction({ uploadId: "00000000-0000-0000-0000-000000000000", target: "bought" })).toEqual({ ok: false, code: "rejected", message: "This upload is gone (uploads are kept for a day); upload the file again." });
  });

  it("refuses a role that may not train models", async () => {
    await actAs("marketer");
    expect(await inspectFileAction({ uploadId })).toMatchObject({ ok: false, code: "unauthorised" });
    expect(await evaluateFileAction({ uploadId, target: "bought" })).toMatchObject({ ok: false, code: "unauthorised" });
  });
});
