// GDPR export and erasure on a small shop: the export holds every row about the customer; erasure removes
// them, their events, campaign events, memberships and refused import rows, drops the models that held a
// row for them and queues them again, leaves no trace of the address in the database file, and the
// suppression list makes later imports refuse them (without writing their cells to the refused-rows file).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ImportOptions } from "../csv/import-options";
import { getDb } from "../db/client";
import { insertCampaignEvents, insertCampaigns } from "../db/campaigns";
import { countCustomersBy, getCustomerIdsByExternalId, insertCustomers } from "../db/customers";
import { insertEvents } from "../db/events";
import { getProductIdsByExternalId, insertProducts } from "../db/products";
import { refreshPurchaseStats } from "../db/purchase-stats";
import { storedText } from "../db/stored-text";
import { analyseFile } from "./import/analyse";
import { importFile } from "./import/imports";
import { SUPPRESSED_REASON } from "./import/suppression";
import { TRAINING_JOB } from "./jobs/job-kinds";
import { enqueueJob, runJobHere } from "./jobs/runner";
import { prepareDatabase } from "./prepare-database";
import { eraseCustomer, exportCustomerData, MODELS_DROPPED_NOTE } from "./gdpr";
import { testFolder } from "../test-folder";

const EMAIL = "erase.me.please@example.org";
const actor = { caller: { userId: "u1", label: "admin@test.example" }, via: "test" };
const dir = testFolder("gdpr");


async function load(kind: "customers" | "events", name: string, text: string) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  const a = await analyseFile(p, { kind });
  return importFile(p, name, ImportOptions.parse({ ...a, kind }));
}

let customerId: number;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers([{ externalId: "C1", email: EMAIL, name: "Erin Erased" }, { externalId: "C2", email: "stays@example.org", name: "Sam Stays" }]);
  await insertProducts([{ externalId: "P1", name: "Kettle" }, { externalId: "P2", name: "Teapot" }]);
  const c = await getCustomerIdsByExternalId();
  const p = await getProductIdsByExternalId();
  customerId = c.get("C1")!;
  // The address rewritten a few times, so old copies of the row would be left in the file's free space.
  for (const name of ["Erin E.", "Erin Erased-Smith", "Erin Erased"]) await getDb().customer.update({ where: { id: customerId }, data: { name } });
  const at = (d: string) => new Date(`2026-03-${d}T10:00:00Z`);
  await insertEvents([
    { customerId, productId: p.get("P1")!, type: "purchase", revenue: 20, orderId: "O1", occurredAt: at("01") },
    { customerId, productId: p.get("P2")!, type: "view", occurredAt: at("02") },
    { customerId: c.get("C2")!, productId: p.get("P1")!, type: "purchase", revenue: 20, orderId: "O2", occurredAt: at("03") },
    { customerId: c.get("C2")!, productId: p.get("P2")!, type: "purchase", revenue: 15, orderId: "O3", occurredAt: at("04") },
  ]);
  await refreshPurchaseStats();
  await insertCampaigns([{ externalId: "K1", name: "Spring" }]);
  const campaign = (await getDb().campaign.findFirstOrThrow()).id;
  await insertCampaignEvents([{ campaignId: campaign, customerId, type: "click", occurredAt: at("01") }, { campaignId: campaign, customerId: c.get("C2")!, type: "impression", occurredAt: at("01") }]);
  const seg = await getDb().segment.create({ data: { name: "Buyers", kind: "snapshot" } });
  await getDb().segmentMember.createMany({ data: [{ segmentId: seg.id, customerId }, { segmentId: seg.id, customerId: c.get("C2")! }] });
  // A refused row that quotes the address, as an import keeps it.
  await load("customers", "bad.csv", `customer_id,email,age\nC1,${EMAIL},not-a-number\nC10,ten@example.org,not-a-number\n`);
  await runJobHere(await enqueueJob(TRAINING_JOB, { interactions: { weights: { purchase: 1 } }, algorithms: ["popularity"], tune: false }));
});

describe("GDPR export and erasure", () => {
  it("exports everything stored about the customer, found by email in any case", async () => {
    const data = await exportCustomerData({ email: "  Erase.Me.Please@EXAMPLE.org " }, actor);
    expect(data.customer).toMatchObject({ id: customerId, externalId: "C1", email: EMAIL, name: "Erin Erased" });
    expect(data.events.map((e) => [e.type, e.product?.externalId])).toEqual([["purchase", "P1"], ["view", "P2"]]);
    expect(data.campaignEvents.map((e) => [e.type, e.campaign.externalId])).toEqual([["click", "K1"]]);
    expect(data.segments.map((s) => s.name)).toEqual(["Buyers"]);
    expect(data.purchaseStats).toMatchObject({ orders: 1, revenue: 20 });
    await expect(exportCustomerData({ externalId: "nobody" }, actor)).rejects.toThrow("There is no customer with this id, external id or email.");
  });

  it("erases the customer and every row about them, drops the models that held them and queues a new training", async () => {
    expect(await storedText()).toContain(EMAIL); // so the check below can fail
    expect(await getDb().modelPart.count()).toBe(2); // popularity and the training matrix, which holds the customer's history
    // A breakdown the pages keep while the data is unchanged: the erasure must count as a change.
    const total = async () => (await countCustomersBy("country")).reduce((a, b) => a + b.count, 0);
    expect(await total()).toBe(2);
    const r = await eraseCustomer({ externalId: "C1" }, actor);
    expect(r).toMatchObject({ customerId, events: 2, campaignEvents: 1, segmentMemberships: 1, importRowErrors: 1, refusedFileLines: 1, modelsDropped: 1 });
    // C10's refused row stays: ids are matched as whole cells.
    expect((await getDb().importRowError.findMany({ select: { raw: true } })).map((x) => x.raw)).toEqual(["C10,ten@example.org,not-a-number"]);
    const refusedFile = (await getDb().import.findFirstOrThrow({ where: { fileName: "bad.csv" } })).errorsPath!;
    expect(readFileSync(refusedFile, "utf8")).toBe("line,column,reason,customer_id,email,age\n3,age,\"\"\"not-a-number\"\" is not a whole number\",C10,ten@example.org,not-a-number\n");
    expect(r.retrainingJobs).toHaveLength(1);
    const db = getDb();
    expect(await db.customer.findUnique({ where: { id: customerId } })).toBeNull();
    expect(await db.event.count({ where: { customerId } })).toBe(0);
    expect(await db.event.count()).toBe(2);
    expect(await db.campaignEvent.count()).toBe(1);
    expect(await db.segmentMember.count()).toBe(1);
    expect(await db.customerPurchaseStats.count({ where: { customerId } })).toBe(0);
    const dropped = await db.job.findMany({ where: { kind: "recommenders" }, orderBy: { id: "asc" }, select: { status: true, result: true, message: true } });
    expect(dropped).toEqual([{ status: "cancelled", result: null, message: MODELS_DROPPED_NOTE }, { status: "queued", result: null, message: null }]);
    expect(await db.modelPart.count()).toBe(0);
    expect(await total()).toBe(1);
    const after = await storedText();
    expect(after).not.toContain(EMAIL);
    expect(after).not.toContain("Erin Erased");
    const audit = await db.auditEvent.findMany({ where: { action: { in: ["customer.erase", "customer.export"] } }, orderBy: { id: "asc" }, select: { action: true, target: true, detail: true, actorLabel: true } });
    expect(audit.map((a) => [a.action, a.target, a.actorLabel])).toEqual([["customer.export", `customer ${customerId}`, "admin@test.example"], ["customer.erase", `customer ${customerId}`, "admin@test.example"]]);
    expect(JSON.stringify(audit)).not.toContain(EMAIL);
    await expect(eraseCustomer({ id: customerId }, actor)).rejects.toThrow("There is no customer with this id, external id or email.");
  });

  it("refuses an erased customer's rows on later imports, by external id or by email, without writing their cells", async () => {
    const s = await load("customers", "again.csv", `customer_id,email,name\nC1,someone.else@example.org,Erin\nC9,${EMAIL.toUpperCase()},Erin\nC3,new@example.org,Nia New\n`);
    expect(s).toMatchObject({ status: "completed", rowsRead: 3, inserted: 1, rejected: 2 });
    expect(s.errors).toEqual([
      { line: 2, column: null, reason: SUPPRESSED_REASON },
      { line: 3, column: null, reason: SUPPRESSED_REASON },
    ]);
    const refused = readFileSync(s.errorsFile!, "utf8");
    expect(refused).not.toContain("Erin");
    expect(refused).not.toContain(EMAIL.toUpperCase());
    const events = await load("events", "events.csv", `customer_id,product_id,event_type,timestamp\nC1,P1,view,2026-03-05T10:00:00Z\nC2,P1,view,2026-03-05T10:00:00Z\n`);
    expect(events).toMatchObject({ inserted: 1, rejected: 1 });
    expect(await getDb().customer.findUnique({ where: { externalId: "C1" } })).toBeNull();
  });

  it("erases a second customer who shared the address, and one imported with hashed emails by their real address", async () => {
    await insertCustomers([{ externalId: "D1", email: EMAIL }]);
    expect(await eraseCustomer({ externalId: "D1" }, actor)).toMatchObject({ events: 0 });
    const p = path.join(dir, "hashed.csv");
    writeFileSync(p, "customer_id,email\nH1,hidden@example.org\n");
    const a = await analyseFile(p, { kind: "customers" });
    await importFile(p, "hashed.csv", ImportOptions.parse({ ...a, kind: "customers", hashEmails: true }));
    await eraseCustomer({ email: "Hidden@example.org" }, actor);
    const again = await load("customers", "hashed-again.csv", "customer_id,email\nH2,hidden@example.org\n");
    expect(again).toMatchObject({ inserted: 0, rejected: 1 });
  });
});
