// The import page's actions through lib/action.ts, on a throw-away database: each outcome of the uniform
// result (ok, invalid input, rejected with the engine's message, unexpected with a generic message).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { loadImportJob } from "@/lib/services/import/imports";
import { runJobHere } from "@/lib/services/jobs/runner";
import { cancelJobAction } from "../../jobs/actions";
import { removeUpload, saveUpload, uploadPath } from "@/lib/services/import/uploads";
import { analyseUploadAction, startImportAction } from "./actions";
import { actAs } from "@/lib/auth/test-support";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const FIXTURE = readFileSync(path.join(import.meta.dirname, "../../../e2e/fixtures/customers-with-errors.csv"));

const made: string[] = [];
async function uploadFixture() {
  const { uploadId } = await saveUpload(Readable.from([FIXTURE]), FIXTURE.length, "customers-with-errors.csv");
  made.push(uploadId);
  return uploadId;
}

/** The action only queues the import; the server's runner would take it, here this test does. */
async function waitForJob(jobId: number) {
  expect((await loadImportJob(jobId))!.status).toBe("queued");
  await runJobHere(jobId);
  return (await loadImportJob(jobId))!;
}

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await actAs("analyst");
});
afterAll(() => Promise.all(made.map((id) => removeUpload(uploadPath(id)))));

describe("import actions", () => {
  it("re-reads an upload with the settings the person pinned", async () => {
    const uploadId = await uploadFixture();
    const r = await analyseUploadAction({ uploadId, overrides: { kind: "products", delimiter: ";" } });
    expect(r.ok && { kind: r.data.kind, columns: r.data.columns.length }).toEqual({ kind: "products", columns: 1 });
  });

  it("dry-runs an upload and reports exact counts, then refuses a mapping that does not fit the file", async () => {
    const uploadId = await uploadFixture();
    const analysis = await analyseUploadAction({ uploadId });
    if (!analysis.ok) throw new Error(analysis.message);
    const options = { ...analysis.data, kind: "customers" as const, dryRun: true };
    const started = await startImportAction({ uploadId, options });
    if (!started.ok) throw new Error(started.message);
    const job = await waitForJob(started.data.jobId);
    expect({ status: job.status, read: job.rowsRead, inserted: job.inserted, rejected: job.rejected }).toEqual({ status: "completed", read: 12, inserted: 9, rejected: 3 });

    const bad = await startImportAction({ uploadId, options: { ...options, mapping: ["email", "email", ...options.mapping.slice(2)] } });
    expect(bad).toEqual({ ok: false, code: "rejected", message: 'Columns "customer_id" and "email" are both mapped to email; keep one.' });
  });

  it("answers bad input with the field that is wrong", async () => {
    const r = await cancelJobAction({ jobId: -1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("invalid_input");
    expect(!r.ok && Object.keys(r.fieldErrors ?? {})).toEqual(["jobId"]);
    expect(await cancelJobAction({ jobId: 999_999 })).toEqual({ ok: false, code: "not_found", message: "There is no such job." });
  });

  it("passes the engine's own message on for an unknown upload", async () => {
    expect(await analyseUploadAction({ uploadId: "../../etc/passwd" })).toEqual({ ok: false, code: "rejected", message: "Unknown upload; upload the file again." });
    expect(await analyseUploadAction({ uploadId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, code: "rejected", message: expect.stringMatching(/^This upload is gone/) });
  });

  it("logs an unexpected failure without its message and gives the person a reference", async () => {
    const uploadId = "11111111-1111-4111-8111-111111111111";
    made.push(uploadId);
    // The upload's record with a folder where its file should be: reading it fails in a way no one planned for.
    writeFileSync(`${uploadPath(uploadId)}.json`, JSON.stringify({ uploadId, fileName: "secret-customer@example.com.csv", bytes: 1 }));
    mkdirSync(uploadPath(uploadId), { recursive: true });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = await analyseUploadAction({ uploadId });
    expect(r).toMatchObject({ ok: false, code: "internal", message: expect.stringMatching(/^Something went wrong on our side \(reference [0-9a-f]{8}\)/) });
    const logged = log.mock.calls.flat().join(" ");
    // The error's code is logged (it is no data); its message, which names the path, is not.
    expect(logged).toMatch(/\[analyseUpload\] unexpected Error EISDIR \(ref [0-9a-f]{8}\)/);
    expect(logged).not.toContain("illegal operation");
    expect(logged).not.toContain("example.com");
    log.mockRestore();
    rmSync(uploadPath(uploadId), { recursive: true, force: true });
  });
});
