// The import option that stores only a keyed hash of each email: no address reaches the database, the
// same address in a second file gives the same value (so its customers still match), and GDPR lookups by
// email still find them. The audience export for ad platforms gives SHA-256 of the normalised address.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emailHash } from "../../auth/pii-hash";
import { sessionHeaders } from "../../auth/test-support";
import { ImportOptions } from "../../csv/import-options";
import { getDb } from "../../db/client";
import { saveRuleSegment } from "../../db/segments";
import { exportCustomerData } from "../gdpr";
import { storedText } from "../../db/stored-text";
import { prepareDatabase } from "../prepare-database";
import { analyseFile } from "./analyse";
import { importFile } from "./imports";
import { testFolder } from "../../test-folder";

const dir = testFolder("hash");

async function load(name: string, text: string, extra: Partial<ImportOptions>) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  const a = await analyseFile(p, { kind: "customers" });
  return importFile(p, name, ImportOptions.parse({ ...a, kind: "customers", ...extra }));
}

beforeAll(() => prepareDatabase({ seedIfEmpty: false }));

describe("importing customers with hashed emails", () => {
  it("stores only the keyed hash, the same for the same address in any case, and GDPR lookups still find them", async () => {
    expect(await load("crm.csv", "customer_id,email,name\nH1,Hana@Shop.example,Hana\nH2,ivo@shop.example,Ivo\n", { hashEmails: true })).toMatchObject({ inserted: 2, rejected: 0 });
    const stored = await getDb().customer.findMany({ orderBy: { id: "asc" }, select: { externalId: true, email: true } });
    expect(stored).toEqual([
      { externalId: "H1", email: `hmac-sha256:${emailHash("hana@shop.example")}` },
      { externalId: "H2", email: `hmac-sha256:${emailHash("ivo@shop.example")}` },
    ]);
    expect(emailHash(" HANA@shop.example ")).toBe(emailHash("hana@shop.example"));
    // Keyed: not the plain SHA-256 anyone could compute from a guessed address.
    expect(emailHash("hana@shop.example")).not.toBe(createHash("sha256").update("hana@shop.example").digest("hex"));
    expect((await storedText()).toLowerCase()).not.toContain("hana@shop.example");
    // Matched again by the hash on a second export of the same CRM.
    expect(await load("crm-again.csv", "customer_id,email\nH1,hana@shop.example\n", { hashEmails: true })).toMatchObject({ unchanged: 1, inserted: 0, updated: 0 });
    const found = await exportCustomerData({ email: "HANA@shop.example" }, { caller: null, via: "test" });
    expect(found.customer).toMatchObject({ externalId: "H1" });
  });
});

describe("the audience export for ad platforms", () => {
  it("gives SHA-256 of each trimmed, lower-cased email to roles that may read personal data, and refuses the others", async () => {
    await getDb().customer.create({ data: { externalId: "A1", email: "  Ada@Example.COM " } });
    const seg = await saveRuleSegment("Everyone", "all", { all: [] });
    const { GET } = await import("../../../app/api/segments/[id]/export/route");
    const get = async (role: "analyst" | "marketer") => GET(new Request(`http://localhost/api/segments/${seg.id}/export?emails=sha256`, { headers: await sessionHeaders(role) }), { params: Promise.resolve({ id: String(seg.id) }) });
    const csv = await (await get("analyst")).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("customer_id,email_sha256,country,orders,revenue,last_purchase_at");
    // sha256("ada@example.com"), as `printf ada@example.com | sha256sum` gives.
    expect(lines.find((l) => l.startsWith("A1,"))).toBe(`A1,${createHash("sha256").update("ada@example.com").digest("hex")},,0,0,`);
    expect(csv).not.toContain("Ada@");
    const refused = await get("marketer");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: "unauthorised", message: "Your role (marketer) may not export email addresses, hashed or not. Ask an analyst or admin." });
  });
});
