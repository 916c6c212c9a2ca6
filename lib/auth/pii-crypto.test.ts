// Encryption at rest of customers' email and name (MARKETLENS_ENCRYPT_PII=1): the database file holds no
// address or name in clear, neither from the demo-style bulk insert, nor from an import, nor from a refused
// row, nor from rows written before it was turned on; pages and exports read them in clear; lookups by the
// exact email or name still work (any case), partial matches no longer do, and rules on them are
// equality-only. Decryption checks the tag: a tampered value is refused, not misread.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { testFolder } from "../test-folder";

vi.hoisted(() => {
  process.env.MARKETLENS_ENCRYPT_PII = "1";
});

const { getDb } = await import("../db/client");
const { insertCustomers, listCustomers } = await import("../db/customers");
const { getCustomerProfile } = await import("../db/customer-profile");
const { countRuleMembers } = await import("../db/segment-rules");
const { ImportOptions } = await import("../csv/import-options");
const { analyseFile } = await import("../services/import/analyse");
const { importFile } = await import("../services/import/imports");
const { prepareDatabase } = await import("../services/prepare-database");
const { exportCustomerData } = await import("../services/gdpr");
const { directDb } = await import("../db/direct");
const { storedText } = await import("../db/stored-text");
const { encryptPii, revealPii } = await import("./pii-crypto");

const dir = testFolder("crypt");

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  // A row from before encryption was on: written in clear on the direct connection.
  await directDb().run(`INSERT INTO "Customer" ("externalId","email","name","createdAt","updatedAt") VALUES ('OLD1','old.timer@example.org','Olga Oldtimer',?,?)`, [new Date(0), new Date(0)]);
  // Half-encrypted: the email sealed, the name written in clear afterwards (e.g. by a hand edit).
  const { encryptPii: seal, blindIndex: index } = await import("./pii-crypto");
  await directDb().run(`INSERT INTO "Customer" ("externalId","email","emailIndex","name","createdAt","updatedAt") VALUES ('HALF1',?,?,'Hal Half',?,?)`, [seal("email", "hal@example.org"), index("email", "hal@example.org"), new Date(0), new Date(0)]);
  await insertCustomers([{ externalId: "B1", email: "bulk.person@example.org", name: "Bea Bulk" }]);
  const p = path.join(dir, "people.csv");
  writeFileSync(p, "customer_id,email,name,age\nI1,Imported.Person@Example.org,Ivo Import,40\nI2,broken@,Ian Broken,41\n");
  const a = await analyseFile(p, { kind: "customers" });
  await importFile(p, "people.csv", ImportOptions.parse({ ...a, kind: "customers" }));
  // The next start encrypts what was there before.
  await prepareDatabase({ seedIfEmpty: false });
});

describe("PII encryption at rest", () => {
  it("leaves no address or name in clear in the database file", async () => {
    const text = (await storedText()).toLowerCase();
    for (const s of ["hal half", "old.timer@example.org", "olga oldtimer", "bulk.person@example.org", "bea bulk", "imported.person@example.org", "ivo import", "broken@", "ian broken"]) expect(text, s).not.toContain(s);
  });

  it("stores the columns encrypted and reads them back in clear", async () => {
    const raw = await getDb().customer.findUniqueOrThrow({ where: { externalId: "I1" }, select: { email: true, name: true, emailIndex: true } });
    expect(raw.email).toMatch(/^enc1:[A-Za-z0-9_-]+$/);
    expect(raw.emailIndex).toMatch(/^[0-9a-f]{64}$/);
    const page = await listCustomers({ page: 1, pageSize: 10, sort: "externalId", dir: "asc" });
    expect(page.rows.map((r) => [r.externalId, r.email, r.name])).toEqual([
      ["B1", "bulk.person@example.org", "Bea Bulk"],
      ["HALF1", "hal@example.org", "Hal Half"],
      ["I1", "imported.person@example.org", "Ivo Import"], // the import lower-cases addresses
      ["OLD1", "old.timer@example.org", "Olga Oldtimer"],
    ]);
    const id = (await getDb().customer.findUniqueOrThrow({ where: { externalId: "OLD1" } })).id;
    expect(await getCustomerProfile(id)).toMatchObject({ email: "old.timer@example.org", name: "Olga Oldtimer" });
  });

  it("finds customers by the exact email or name in any case, not by a part of it", async () => {
    const ids = async (q: string) => (await listCustomers({ page: 1, pageSize: 10, sort: "externalId", dir: "asc", q })).rows.map((r) => r.externalId);
    expect(await ids("imported.person@example.ORG")).toEqual(["I1"]);
    expect(await ids("olga oldtimer")).toEqual(["OLD1"]);
    // The half-encrypted row kept its email index when its name was sealed at start.
    expect(await ids("HAL@example.org")).toEqual(["HALF1"]);
    expect(await ids("hal half")).toEqual(["HALF1"]);
    expect(await ids("Imported")).toEqual([]);
    expect((await exportCustomerData({ email: "BULK.person@example.org" }, { caller: null, via: "test" })).customer).toMatchObject({ externalId: "B1", email: "bulk.person@example.org" });
  });

  it("counts rules on email by equality, and explains why 'contains' no longer applies", async () => {
    expect(await countRuleMembers({ all: [{ field: "email", op: "eq", value: "Old.Timer@example.org" }] })).toBe(1);
    expect(await countRuleMembers({ all: [{ field: "name", op: "neq", value: "bea bulk" }] })).toBe(3);
    await expect(countRuleMembers({ all: [{ field: "email", op: "contains", value: "@example" }] })).rejects.toThrow(
      'condition 1: Email is encrypted at rest, so only "equals", "does not equal", "is one of", "is empty" and "is not empty" apply to it',
    );
  });

  it("shows a refused row's reason in clear while storing it sealed", async () => {
    const stored = await getDb().importRowError.findFirstOrThrow({ select: { reason: true, raw: true } });
    expect(stored.reason).toMatch(/^enc1:/);
    expect(revealPii(stored.raw)).toBe("I2,broken@,Ian Broken,41");
  });

  it("refuses a tampered value instead of misreading it", () => {
    const v = encryptPii("email", "ana@example.org");
    const flipped = v.slice(0, -2) + (v.at(-2) === "A" ? "B" : "A") + v.at(-1);
    expect(() => revealPii(flipped)).toThrow();
    expect(encryptPii("email", "ana@example.org")).toBe(v);
    expect(encryptPii("name", "ana@example.org")).not.toBe(v);
  });
});
