// The public data sets imported as a person would, with the counts their READMEs publish. They live beside
// the repository (../shared/data) and may not be copied into it; without them these tests skip and say why.
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ImportOptions } from "../../csv/import-options";
import type { ImportKind } from "../../csv/kinds";
import { getDb } from "../../db/client";
import { deleteAllData } from "../../db/maintenance";
import { Prisma } from "../../db/sql";
import { num } from "../../db/sql";
import { prepareDatabase } from "../prepare-database";
import { analyseFile } from "./analyse";
import { importFile } from "./imports";

const DATA = path.resolve(import.meta.dirname, "../../../../shared/data");
const present = existsSync(DATA);
if (!present) console.warn(`Skipping the real-file import tests: ${DATA} is absent (clone ../shared beside the repository to run them).`);

async function load(kind: ImportKind, p: string, extra: Partial<ImportOptions> = {}) {
  const a = await analyseFile(p, { kind, mapping: extra.mapping });
  return importFile(p, path.basename(p), ImportOptions.parse({ ...a, kind, ...extra }));
}

describe.skipIf(!present)("real files", () => {
  beforeAll(() => prepareDatabase({ seedIfEmpty: false }));
  beforeEach(() => deleteAllData());

  it("UCI Online Retail as transactions with no flags: every line accounted for, and a second import changes nothing", async () => {
    const p = path.join(DATA, "online_retail/online_retail.csv.gz");
    const first = await load("transactions", p);
    expect(first).toMatchObject({ rowsRead: 541_909, inserted: 541_907, rejected: 2 });
    // Guest lines (no CustomerID) are kept as guest purchases: 135,080 minus the 2 refused adjustments.
    expect(first.details).toMatchObject({ customersCreated: 4_372, productsCreated: 4_070, guestRows: 135_078, "type:return": 9_288, "type:adjustment": 1_336 });
    expect(first.errors.map((e) => e.reason)).toEqual(Array(2).fill("-11062.06 is negative; a negative price is an accounting adjustment, not a sale"));
    const [totals] = await getDb().$queryRaw<{ q: bigint; r: number }[]>(Prisma.sql`SELECT sum(quantity) AS q, sum(revenue) AS r FROM "Event"`);
    // Published: sum(Quantity) 5,176,450 and sum(Quantity × UnitPrice) 9,747,747.93, with the two refused lines.
    expect(num(totals!.q)).toBe(5_176_450 - 2);
    expect(num(totals!.r)).toBeCloseTo(9_747_747.93 + 2 * 11_062.06, 2);
    const again = await load("transactions", p);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 541_907, rejected: 2, details: { customersCreated: 0, productsCreated: 0 } });
  }, 120_000);

  it("MovieLens 100k: users, items (Latin-1) and tab-separated ratings without headers, mapped by position", async () => {
    const ml = (f: string) => path.join(DATA, "movielens_100k", f);
    expect(await load("customers", ml("u.user"), { mapping: ["externalId", "age", "gender", "attr:occupation", "attr:zip"] })).toMatchObject({ inserted: 943, rejected: 0 });
    const items = await load("products", ml("u.item"), { mapping: ["externalId", "name", "attr:released", "", "attr:imdb", ...Array(19).fill("")] });
    expect(items).toMatchObject({ inserted: 1_682, rejected: 0 });
    const ratings = await load("events", ml("u.data"), { mapping: ["customer", "product", "rating", "occurredAt"] });
    expect(ratings).toMatchObject({ rowsRead: 100_000, inserted: 100_000, rejected: 0, details: { customersCreated: 0, productsCreated: 0, "type:rating": 100_000 } });
    expect((await getDb().product.findUnique({ where: { externalId: "1" } }))?.name).toBe("Toy Story (1995)");
    expect(await getDb().product.count({ where: { name: { contains: "é" } } })).toBeGreaterThan(0);
    expect(await load("events", ml("u.data"), { mapping: ["customer", "product", "rating", "occurredAt"] })).toMatchObject({ inserted: 0, unchanged: 100_000 });
  }, 60_000);

  it("UCI Bank Marketing bank-full.csv (semicolons, quoted headers) as customers with their attributes", async () => {
    const p = path.join(DATA, "bank_marketing/bank-full.csv");
    expect(await load("customers", p)).toMatchObject({ rowsRead: 45_211, inserted: 45_211, rejected: 0 });
    const first = await getDb().customer.findUnique({ where: { externalId: "bank-full.csv:2" } });
    expect(first).toMatchObject({ age: 58, education: "tertiary", attributes: { job: "management", balance: 2143, y: "no" } });
    expect(await load("customers", p)).toMatchObject({ inserted: 0, updated: 0, unchanged: 45_211 });
  }, 60_000);
});
