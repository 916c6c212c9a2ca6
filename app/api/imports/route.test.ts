// POST /api/imports with a token: an uploaded file imported as the page would, the job followed through
// /api/jobs/{id}; a body that is not JSON or not the right shape is refused with the reason.
import { beforeAll, describe, expect, it } from "vitest";
import { tokenHeaders } from "@/lib/auth/test-support";
import { getDb } from "@/lib/db/client";
import { runQueuedJobs } from "@/lib/services/jobs/runner";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { POST as upload } from "./uploads/route";
import { POST } from "./route";
import { GET as jobStatus } from "../jobs/[id]/route";

let headers: Headers;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  headers = await tokenHeaders("analyst", ["imports:write"]);
});

const post = (body: string) => POST(new Request("http://localhost/api/imports", { method: "POST", headers, body }), { params: Promise.resolve({}) });

describe("POST /api/imports", () => {
  it("imports an uploaded file with a token that may import", async () => {
    const up = await upload(new Request("http://localhost/api/imports/uploads?name=people.csv", { method: "POST", headers, body: "customer_id,email\nP1,p1@shop.example\nP2,p2@shop.example\n" }), { params: Promise.resolve({}) });
    expect(up.status).toBe(201);
    const { upload: u, analysis } = (await up.json()) as { upload: { uploadId: string }; analysis: Record<string, unknown> & { kind: string; mapping: string[] } };
    const started = await post(JSON.stringify({ uploadId: u.uploadId, options: { ...analysis, kind: "customers" } }));
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: number };
    await runQueuedJobs("inline");
    const status = await jobStatus(new Request(`http://localhost/api/jobs/${jobId}`, { headers }), { params: Promise.resolve({ id: String(jobId) }) });
    expect(await status.json()).toMatchObject({ id: jobId, status: "completed", import: { kind: "customers", inserted: 2, rejected: 0 } });
    expect(await getDb().customer.count()).toBe(2);
    expect(await getDb().auditEvent.findFirst({ where: { action: "startImport" } })).toMatchObject({ outcome: "ok", target: `job ${jobId}`, actorLabel: "analyst@test.example" });
  });

  it("refuses a body that is not JSON, or not an import request, with the reason", async () => {
    const notJson = await post("{uploadId:");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: "rejected", message: "The body must be JSON: { uploadId, options }." });
    const wrong = await post(JSON.stringify({ uploadId: "x" }));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "invalid_input", fieldErrors: { options: expect.any(Array) } });
  });
});
