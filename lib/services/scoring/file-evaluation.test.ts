// Scoring an uploaded CSV as the page does: the file goes through the upload store (saveUpload), the job's
// run function reads it, and the result is read back through its stored shape.
import { createReadStream } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../errors";
import { readStored } from "../../stored-json";
import type { JobContext } from "../jobs/job-kind";
import { removeUpload, saveUpload, uploadPath } from "../import/uploads";
import { checkFileScoringStart, FILE_SCORING_JOB, FILE_SCORING_SHAPES, FileScoringSettings, inspectUpload, type StoredFileScoring } from "./file-evaluation";
import { testFolder } from "../../test-folder";

/**
 * 200 customers. spend is 0..99 twice over; churned = yes exactly when spend < 40 (80 yes, 120 no), except
 * that the rows with spend 10, 30, 50 and 70 have the other label (still 80 and 120): a clear signal with
 * 8 exceptions. plan is a category with no signal; id is a row number to drop; signup is a date,
 * day (7 i mod 200) of 2026, so the latest 40 sign-ups are scattered through the file.
 */
const FLIPPED = [10, 30, 50, 70];
function customers(rows = 200): string {
  const lines = ["id,plan,spend,signup,churned"];
  for (let i = 0; i < rows; i++) {
    const spend = i % 100;
    const flipped = FLIPPED.includes(spend);
    const churned = spend < 40 !== flipped ? "yes" : "no";
    const day = new Date(Date.UTC(2026, 0, 1 + ((7 * i) % 200))).toISOString().slice(0, 10);
    lines.push(`${i + 1},${["basic", "plus", "pro"][i % 3]},${spend},${day},${churned}`);
  }
  return lines.join("\n") + "\n";
}

let folder = "";
const uploads: string[] = [];

/** Writes the text in the test's folder and uploads it as the page would. */
async function upload(name: string, text: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, text);
  const meta = await saveUpload(createReadStream(file), null, name);
  uploads.push(meta.uploadId);
  return meta.uploadId;
}

const notes: string[] = [];
const ctx: JobContext = {
  jobId: 1,
  progress: async (fraction, note) => void notes.push(`${fraction.toFixed(2)} ${note}`),
  isCancelAsked: () => false,
};

async function score(settings: Partial<FileScoringSettings> & { uploadId: string; target: string }): Promise<StoredFileScoring> {
  const parameters = FILE_SCORING_SHAPES.parameters.schema.parse({ ...settings, version: 1 });
  const { result } = await FILE_SCORING_JOB.run(parameters, ctx);
  // Through JSON and the stored shape, as the page reads it.
  return readStored(FILE_SCORING_SHAPES.result, JSON.parse(JSON.stringify(result)), "the test run");
}

let data = "";

beforeAll(async () => {
  folder = testFolder("file-scoring");
  data = await upload("customers.csv", customers());
});

afterAll(async () => {
  for (const id of uploads) await removeUpload(uploadPath(id));
  await rm(folder, { recursive: true, force: true });
});

describe("scoring an uploaded CSV", () => {
  it("detects the columns, splits 160/40 keeping the positive rate, and logistic regression finds the signal", async () => {
    const r = await score({ uploadId: data, target: "churned", drop: ["id"], models: ["logistic"] });
    expect(r.fileName).toBe("customers.csv");
    // No positive given: yes/no is guessed as the CLI guesses it.
    expect(r.target).toEqual({ name: "churned", positive: "yes" });
    // Stratified 20%: 16 of the 80 yes and 24 of the 120 no are the test.
    expect(r.rows).toEqual({ train: 160, test: 40 });
    expect(r.positives).toEqual({ train: 64, test: 16 });
    expect(r.columns).toEqual([
      { name: "id", kind: "dropped", missing: null, levels: null },
      { name: "plan", kind: "categorical", missing: 0, levels: 3 },
      { name: "spend", kind: "numeric", missing: 0, levels: null },
      { name: "signup", kind: "date", missing: null, levels: null },
      { name: "churned", kind: "target", missing: null, levels: null },
    ]);
    expect(r.timeColumn).toBeNull();
    expect(r.leftOut).toBe(0);
    expect(r.evaluations.map((e) => e.kind)).toEqual(["logistic"]);
    const m = r.evaluations[0]!;
    expect(m.auc).toBeGreaterThan(0.8);
    expect(m.auc).toBeLessThan(1);
    expect(m.aucLow).toBeLessThanOrEqual(m.auc);
    expect(m.aucHigh).toBeGreaterThanOrEqual(m.auc);
    expect(m.logLoss).toBeLessThan(r.baseline.logLoss);
    expect(m.brier).toBeLessThan(r.baseline.brier);
    // The baseline predicts 40% for everyone: Brier 0.4 × 0.6 = 0.24.
    expect(r.baseline.brier).toBeCloseTo(0.24, 10);
    expect(m.deciles.reduce((n, d) => n + d.count, 0)).toBe(40);
    expect(m.deciles.reduce((n, d) => n + d.positives, 0)).toBe(16);
    expect(m.fitSeconds).toBeGreaterThanOrEqual(0);
    // 40 test rows: the small-data warning names the target's own words.
    expect(m.warning).toMatch(/^Only 16 rows with churned = yes and 24 other rows: the AUC could be anywhere from 0\.\d\d to [01]\.\d\d\.$/);
    expect(r.best).toBe("logistic");
    expect(notes[0]).toBe("0.02 Reading the file…");
    expect(notes.at(-1)).toBe("0.97 Saving the results…");
  });

  it("splits by the date column, reads forced categories and trains the three models", async () => {
    const r = await score({ uploadId: data, target: "Churned", positive: "YES", drop: ["id"], categorical: ["spend"], split: "time", timeColumn: "signup", testShare: 0.2 });
    expect(r.target).toEqual({ name: "churned", positive: "yes" });
    expect(r.timeColumn).toBe("signup");
    // The 40 latest sign-ups: days 160..199, rows i = 143 d mod 200.
    const test = Array.from({ length: 40 }, (_, k) => (143 * (160 + k)) % 200);
    const yes = test.filter((i) => i % 100 < 40 !== FLIPPED.includes(i % 100)).length;
    expect(r.rows).toEqual({ train: 160, test: 40 });
    expect(r.positives).toEqual({ train: 80 - yes, test: yes });
    expect(r.columns.find((c) => c.name === "spend")).toEqual({ name: "spend", kind: "categorical", missing: 0, levels: 100 });
    expect(r.evaluations.map((e) => e.kind)).toEqual(["logistic", "forest", "gbt"]);
    expect(r.settings.models).toEqual(["logistic", "forest", "gbt"]);
  });

  it("inspects the upload for the form: kinds from the first rows, the target's values and its guessed positive", async () => {
    const i = await inspectUpload(data);
    expect(i).toEqual({
      fileName: "customers.csv",
      rowsRead: 200,
      wholeFile: true,
      columns: [
        { name: "id", kind: "numeric" },
        { name: "plan", kind: "categorical" },
        { name: "spend", kind: "numeric" },
        { name: "signup", kind: "date" },
        { name: "churned", kind: "target" },
      ],
      timeColumn: "signup",
      target: { name: "churned", values: ["yes", "no"], more: false, positive: "yes" },
    });
    const plan = await inspectUpload(data, "plan");
    expect(plan.target).toEqual({ name: "plan", values: ["basic", "plus", "pro"], more: false, positive: null });
    expect(plan.columns.find((c) => c.name === "churned")).toEqual({ name: "churned", kind: "categorical" });
    expect((await inspectUpload(data, "spend")).target).toMatchObject({ values: Array.from({ length: 20 }, (_, k) => String(k)), more: true });
  });

  it("says what is wrong with the choices, naming the columns and values", async () => {
    const refusal = async (settings: Partial<FileScoringSettings>) => {
      const e = await score({ uploadId: data, target: "churned", ...settings }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    };
    expect(await refusal({ target: "cancelled" })).toBe('Target column: no column "cancelled" (columns: id, plan, spend, signup, churned)');
    expect(await refusal({ positive: "maybe" })).toBe('The target "churned" has no value "maybe" (values: yes, no)');
    expect(await refusal({ target: "plan" })).toBe('The target "plan" has values basic, plus, pro: choose the positive one');
    expect(await refusal({ drop: ["id", "Churned"] })).toBe('Columns to drop: "churned" is the target');
    expect(await refusal({ drop: ["email"] })).toBe('Columns to drop: no column "email" (columns: id, plan, spend, signup, churned)');
    expect(await refusal({ split: "time", timeColumn: "plan" })).toBe('Time column: "plan" does not hold dates in one format');
    // The same refusals before a job is queued, from the header alone.
    await expect(checkFileScoringStart(FileScoringSettings.parse({ uploadId: data, target: "cancelled" }))).rejects.toThrow('Target column: no column "cancelled" (columns: id, plan, spend, signup, churned)');
    await expect(checkFileScoringStart(FileScoringSettings.parse({ uploadId: data, target: "churned", drop: ["churned"] }))).rejects.toThrow('Columns to drop: "churned" is the target');
    await expect(inspectUpload(data, "cancelled")).rejects.toThrow('Target column: no column "cancelled" (columns: id, plan, spend, signup, churned)');
  });

  it("refuses a file with fewer rows than scoring needs, and an upload that is gone", async () => {
    // 50 rows, spend 0..49: 38 yes and 12 no, of which 8 and 2 are the test, leaving 40 to train on.
    const small = await upload("small.csv", customers(50));
    const e = await score({ uploadId: small, target: "churned" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toBe("only 40 training rows: scoring needs at least 100");
    await expect(score({ uploadId: "00000000-0000-0000-0000-000000000000", target: "churned" })).rejects.toThrow("This upload is gone (uploads are kept for a day); upload the file again.");
    await expect(score({ uploadId: "../marketlens.db", target: "churned" })).rejects.toThrow("Unknown upload; upload the file again.");
  });
});
