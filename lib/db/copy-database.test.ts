// `db copy --to`: this test's SQLite database copied into a fresh PostgreSQL one, value for value. Needs a
// PostgreSQL server (TEST_POSTGRES_URL; npm test starts a private one), where it makes and drops its databases.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../services/prepare-database";
import { copyDatabaseTo } from "./copy-database";
import { getCustomerIdsByExternalId, insertCustomers } from "./customers";
import { closeDirect, directDb, postgresDirectAt } from "./direct";
import { insertEvents } from "./events";
import { adminQuery, withDatabase } from "./postgres-admin";

const server = process.env.TEST_POSTGRES_URL;
if (!server) console.log("copy-database.test.ts: skipped, TEST_POSTGRES_URL is not set (no PostgreSQL server to copy into)");
const name = `marketlens_copy_${randomUUID().replace(/-/g, "")}`;
const at = new Date("2026-02-03T04:05:06.789Z");
// A dedupe key past 2^53: a JavaScript number would round it.
const KEY = 9_007_199_254_740_993n;
const BYTES = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

describe.skipIf(!server)("copying the database into PostgreSQL", () => {
  beforeAll(async () => {
    await prepareDatabase({ seedIfEmpty: false });
    await insertCustomers([
      { externalId: "A", email: "a@example.org", country: "UK", signupAt: at, attributes: { tier: "gold", visits: 3 } },
      { externalId: "B", email: null, country: null, attributes: null },
    ]);
    const id = await getCustomerIdsByExternalId();
    await insertEvents(Array.from({ length: 1_234 }, (_, i) => ({ customerId: id.get(i % 2 ? "A" : "B")!, type: "purchase", orderId: `o${i}`, revenue: i / 4, occurredAt: new Date(at.getTime() + i * 60_000) })));
    await directDb().run(`UPDATE "Event" SET "dedupeKey" = ? WHERE "orderId" = 'o7'`, [KEY]);
    // A stored model's bytes, every byte value, in two parts.
    const job = (await directDb().first<[number]>(`INSERT INTO "Job" ("kind", "status", "parameters") VALUES ('recommenders', 'completed', '{}') RETURNING "id"`))![0];
    await directDb().insertRows("ModelPart", ["jobId", "name", "part", "bytes"], [[job, "popularity", 0, BYTES], [job, "popularity", 1, BYTES.subarray(0, 3)]]);
    await adminQuery(server!, `CREATE DATABASE "${name}"`);
  });

  afterAll(async () => {
    await closeDirect();
    if (server) await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("copies every row with its values, reports progress, and moves the id sequences past the copied ids", async () => {
    const url = withDatabase(server!, name);
    const seen: string[] = [];
    const result = await copyDatabaseTo(url, (p) => seen.push(`${p.table} ${p.copied}/${p.rows}`));
    expect(result.tables.find((t) => t.table === "Customer")).toEqual({ table: "Customer", rows: 2 });
    expect(result.tables.find((t) => t.table === "Event")).toEqual({ table: "Event", rows: 1_234 });
    // Parents before children: customers are in before their events.
    expect(seen.indexOf("Customer 2/2")).toBeLessThan(seen.indexOf("Event 0/1234"));
    expect(seen).toContain("Event 1234/1234");
    const target = postgresDirectAt(url);
    expect(await target.rows(`SELECT "externalId", "email", "country", "signupAt", "attributes" FROM "Customer" ORDER BY "externalId"`)).toEqual([
      ["A", "a@example.org", "UK", "2026-02-03T04:05:06.789+00:00", '{"tier":"gold","visits":3}'],
      ["B", null, null, null, null],
    ]);
    expect(await target.first(`SELECT "dedupeKey", "revenue", "occurredAt" FROM "Event" WHERE "orderId" = 'o7'`)).toEqual([KEY, 1.75, "2026-02-03T04:12:06.789+00:00"]);
    expect(await target.first(`SELECT sum("revenue"), count(DISTINCT "customerId") FROM "Event"`)).toEqual([(1_233 * 1_234) / 8, 2]);
    expect(await target.rows(`SELECT "part", "bytes" FROM "ModelPart" ORDER BY "part"`)).toEqual([[0, Buffer.from(BYTES)], [1, Buffer.from(BYTES.subarray(0, 3))]]);
    const [maxId] = (await target.first<[number]>(`SELECT max("id") FROM "Event"`))!;
    const [next] = (await target.first<[number]>(`INSERT INTO "Event" ("type", "occurredAt") VALUES ('view', ?) RETURNING "id"`, [at]))!;
    expect(next).toBe(maxId + 1);
  });

  it("refuses a database that already holds rows, and one that is not PostgreSQL", async () => {
    await expect(copyDatabaseTo(withDatabase(server!, name))).rejects.toThrow(/is not empty \(.*Customer has 2 rows.*\): copy into a new, empty database/);
    await expect(copyDatabaseTo("file:./elsewhere.db")).rejects.toThrow("--to must be a PostgreSQL database URL");
  });
});
