// The preview on a shop that only has ratings (like imported MovieLens): the customer's history lists what
// the models learn from, not "no purchases".
import { beforeAll, describe, expect, it } from "vitest";
import { getCustomerIdsByExternalId, insertCustomers } from "@/lib/db/customers";
import { insertEvents } from "@/lib/db/events";
import { getProductIdsByExternalId, insertProducts } from "@/lib/db/products";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { loadServingModels } from "@/lib/services/recs/serving";
import { TRAINING_JOB } from "@/lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "@/lib/services/jobs/runner";
import { readPreview } from "./preview-state";
import { piiView } from "@/lib/auth/mask";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers(["U1", "U2", "U3"].map((externalId) => ({ externalId })));
  await insertProducts(["Star Wars (1977)", "Fargo (1996)", "Heat (1995)"].map((name, i) => ({ externalId: `m${i}`, name })));
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  const rate = (who: string, what: string, rating: number, day: string) => ({ customerId: c.get(who)!, productId: p.get(what)!, type: "rating", rating, occurredAt: new Date(`${day}T12:00:00Z`) });
  await insertEvents([rate("U1", "m0", 5, "1998-03-01"), rate("U1", "m1", 4, "1998-03-02"), rate("U2", "m0", 3, "1998-03-03"), rate("U2", "m2", 5, "1998-03-04"), rate("U3", "m1", 2, "1998-03-05")]);
  await runJobHere(await enqueueJob(TRAINING_JOB, { interactions: { weights: { rating: 1 } }, algorithms: ["popularity"], tune: false }));
});

describe("the recommendations preview", () => {
  it("shows a ratings-only customer's ratings, newest first, as what the models learn from", async () => {
    const models = (await loadServingModels())!;
    const state = await readPreview(models, { customer: "U1" }, piiView("analyst"));
    expect(state.historyTypes).toEqual(["rating"]);
    expect(state.history.map((h) => [h.type, h.subject, h.rating])).toEqual([["rating", "Fargo (1996)", 4], ["rating", "Star Wars (1977)", 5]]);
  });
});
