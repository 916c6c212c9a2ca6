// Starting training and evaluation from the pages: bad settings are refused with the reason and start
// nothing; good ones queue a run.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { getJobRow } from "@/lib/db/jobs";
import { runJobHere } from "@/lib/services/jobs/runner";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { trainModelsAction } from "./actions";
import { evaluateAction } from "./evaluation/actions";
import { actAs } from "@/lib/auth/test-support";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await actAs("analyst");
});

describe("recommendation actions", () => {
  it("refuse weights that leave nothing to learn from, negative weights and a zero half-life", async () => {
    const runs = () => getDb().job.count();
    const before = await runs();
    expect(await trainModelsAction({ weights: { purchase: 0, view: 0 } })).toMatchObject({ ok: false, code: "invalid_input", message: "weights: give at least one event type a weight above 0" });
    expect(await trainModelsAction({ weights: { purchase: -1, view: 1 } })).toMatchObject({ ok: false, code: "invalid_input", message: "weights.purchase: a weight must be 0 or more" });
    expect(await trainModelsAction({ halfLifeDays: 0 })).toMatchObject({ ok: false, code: "invalid_input", message: "halfLifeDays: the half-life must be at least 1 day" });
    expect(await evaluateAction({ split: "time", testFrom: "01/02/2026", relevance: "all", k: 10, algorithms: ["popularity"] })).toMatchObject({ ok: false, message: 'testFrom: "01/02/2026" is not a date as YYYY-MM-DD' });
    expect(await evaluateAction({ split: "user", relevance: "all", k: 10, algorithms: ["toString"] })).toMatchObject({ ok: false, message: "algorithms.0: is not an algorithm" });
    expect(await runs()).toBe(before);
  });

  it("queue a training run with the chosen weights; with no events it fails with the reason", async () => {
    const r = await trainModelsAction({ weights: { purchase: 1 }, halfLifeDays: 30 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((await getJobRow(r.data.runId))!.status).toBe("queued");
    await runJobHere(r.data.runId);
    expect(await getJobRow(r.data.runId)).toMatchObject({ status: "failed", message: "there are no customer–product events of the weighted types to learn from; import orders or events first" });
    const stored = await getDb().job.findUnique({ where: { id: r.data.runId }, select: { parameters: true } });
    expect(stored!.parameters).toMatchObject({ interactions: { weights: { purchase: 1 }, halfLifeDays: 30 } });
  });
});
