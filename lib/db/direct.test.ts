// The direct connection behaves the same on SQLite and PostgreSQL (this file runs on both: vitest.postgres.config.ts):
// the same SQL, the same values back, the same all-or-nothing writes.
import { beforeAll, describe, expect, it } from "vitest";
import { configuredProvider } from "../env";
import { prepareDatabase } from "../services/prepare-database";
import { directDb, directSession, numberedPlaceholders } from "./direct";

const db = directDb();
const at = new Date("2026-03-01T12:34:56.789Z");

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
});

describe("numberedPlaceholders", () => {
  it("numbers the question marks outside quoted text and identifiers", () => {
    expect(numberedPlaceholders(`SELECT "a?" FROM t WHERE x = ? AND y = '?' AND z IN (?, ?)`)).toBe(`SELECT "a?" FROM t WHERE x = $1 AND y = '?' AND z IN ($2, $3)`);
  });
});

describe(`the direct connection (${configuredProvider()})`, () => {
  it("gives values back as SQLite stores them: dates as ISO text, booleans as 1 or 0, JSON as its text, counts as numbers", async () => {
    await db.insertRows("Product", ["externalId", "name", "isActive", "createdAt", "updatedAt"], [["P1", "Mug", false, at, at]]);
    await db.insertRows("Customer", ["externalId", "attributes", "createdAt", "updatedAt"], [["C1", { zeta: 1, a: "x" }, at, at]]);
    expect(await db.first(`SELECT "externalId", "isActive", "createdAt" FROM "Product" WHERE "externalId" = ?`, ["P1"])).toEqual(["P1", 0, "2026-03-01T12:34:56.789+00:00"]);
    // Stored as written: the keys keep their order (PostgreSQL's column is json, not jsonb).
    expect(await db.first(`SELECT "attributes" FROM "Customer" WHERE "externalId" = ?`, ["C1"])).toEqual(['{"zeta":1,"a":"x"}']);
    expect(await db.first(`SELECT count(*), sum("id") - sum("id") FROM "Product"`)).toEqual([1, 0]);
  });

  it("inserts many rows at once, skipping those whose unique key is taken, and counts what it wrote", async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => [`B${i}`, `Item ${i}\twith a tab, a \\ and a\nnew line`, at, at]);
    expect(await db.insertRows("Product", ["externalId", "name", "createdAt", "updatedAt"], rows)).toBe(1_200);
    const again = [...rows.slice(0, 700), ...Array.from({ length: 600 }, (_, i) => [`N${i}`, null, at, at])].map((r) => [r[0], r[1] ?? "x", at, at]);
    expect(await db.insertRows("Product", ["externalId", "name", "createdAt", "updatedAt"], again, { ignoreConflictOn: "externalId" })).toBe(600);
    expect(await db.first(`SELECT "name" FROM "Product" WHERE "externalId" = ?`, ["B7"])).toEqual(["Item 7\twith a tab, a \\ and a\nnew line"]);
    expect(await db.first(`SELECT count(*) FROM "Product"`)).toEqual([1 + 1_200 + 600]);
  });

  it("tells which rows it wrote when some of a many-row statement's keys were already taken", async () => {
    const cols = ["externalId", "name", "createdAt", "updatedAt"];
    // 1,300 rows: taken keys scattered through the first 500-row statements and at the end, past COPY's threshold on PostgreSQL.
    const taken = new Set([3, 250, 499, 500, 777, 1_299]);
    await db.insertRows("Product", cols, [...taken].map((i) => [`W${i}`, "old", at, at]));
    const rows = Array.from({ length: 1_300 }, (_, i) => [`W${i}`, `new ${i}`, at, at]);
    const written: number[] = [];
    expect(await db.insertRows("Product", cols, rows, { ignoreConflictOn: "externalId", written: (i) => written.push(i) })).toBe(1_300 - taken.size);
    expect(written.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i).filter((i) => !taken.has(i)));
    const none: number[] = [];
    expect(await db.insertRows("Product", cols, rows.slice(0, 40), { ignoreConflictOn: "externalId", written: (i) => none.push(i) })).toBe(0);
    expect(none).toEqual([]);
    await db.run(`DELETE FROM "Product" WHERE "externalId" LIKE 'W%'`);
  });

  it("updates rows by id, and reads a large result in batches, stopping early without leaving anything open", async () => {
    const ids = (await db.rows<[number]>(`SELECT "id" FROM "Product" WHERE "externalId" LIKE 'B%' ORDER BY "id"`)).map((r) => r[0]);
    await db.updateRows("Product", ["name", "price"], ids.slice(0, 600).map((id) => [`renamed ${id}`, 2.5, id]));
    expect(await db.first(`SELECT count(*) FROM "Product" WHERE "name" LIKE 'renamed %' AND "price" = 2.5`)).toEqual([600]);
    const sizes: number[] = [];
    for await (const batch of db.batches<[number]>(`SELECT "id" FROM "Product" ORDER BY "id"`, [], 500)) sizes.push(batch.length);
    expect(sizes).toEqual([500, 500, 500, 301]);
    for await (const batch of db.batches(`SELECT "id" FROM "Product" ORDER BY "id"`, [], 100)) if (batch.length) break;
    // Nothing was left holding a transaction or a cursor: a write still goes through and commits.
    expect(await db.run(`UPDATE "Product" SET "price" = ? WHERE "externalId" = ?`, [9, "P1"])).toBe(1);
  });

  it("rolls back a transaction that throws, savepoints included", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run(`UPDATE "Product" SET "price" = 1 WHERE "externalId" = ?`, ["P1"]);
        await tx.transaction(async (inner) => inner.run(`UPDATE "Product" SET "price" = 2 WHERE "externalId" = ?`, ["P1"]));
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await db.first(`SELECT "price" FROM "Product" WHERE "externalId" = ?`, ["P1"])).toEqual([9]);
    await db.transaction(async (tx) => {
      await expect(tx.transaction(async (inner) => {
        await inner.run(`UPDATE "Product" SET "price" = 3 WHERE "externalId" = ?`, ["P1"]);
        throw new Error("inner only");
      })).rejects.toThrow("inner only");
      await tx.run(`UPDATE "Product" SET "name" = 'kept' WHERE "externalId" = ?`, ["P1"]);
    });
    expect(await db.first(`SELECT "price", "name" FROM "Product" WHERE "externalId" = ?`, ["P1"])).toEqual([9, "kept"]);
  });

  it("holds one transaction across many writes in a session, and refuses a whole batch with a bad reference", async () => {
    const s = await directSession();
    try {
      await s.begin();
      await s.insertRows("Product", ["externalId", "name", "createdAt", "updatedAt"], [["S1", "one", at, at]]);
      await s.rollback();
      expect(await db.first(`SELECT count(*) FROM "Product" WHERE "externalId" = 'S1'`)).toEqual([0]);
      await s.begin();
      await s.insertRows("Product", ["externalId", "name", "createdAt", "updatedAt"], [["S2", "two", at, at]]);
      await s.commit();
    } finally {
      s.release();
    }
    expect(await db.first(`SELECT count(*) FROM "Product" WHERE "externalId" = 'S2'`)).toEqual([1]);
    const events = Array.from({ length: 600 }, (_, i) => [i === 599 ? 999_999 : null, "view", at]);
    await expect(db.insertRows("Event", ["customerId", "type", "occurredAt"], events)).rejects.toThrow(/FOREIGN KEY|foreign key/);
    expect(await db.first(`SELECT count(*) FROM "Event"`)).toEqual([0]);
  });
});
