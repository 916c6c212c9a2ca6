import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { prepareDatabase } from "../services/prepare-database";
import { bulkConnection } from "./bulk-insert";
import { dropSecondaryIndexes, restoreIndexes, SECONDARY_INDEXES } from "./bulk-load";
import { applyMigrations } from "./schema-engine";

// The migrations alone, before any start's restoreIndexes could add what the list names.
beforeAll(() => applyMigrations(env.DATABASE_URL));

const indexSql = () => new Map((bulkConnection().prepare(`SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));

describe("bulk-load indexes", () => {
  it("are exactly the non-unique indexes the migrations leave on the two tables, no more and no fewer", async () => {
    const made = indexSql();
    const onTables = [...made].filter(([, sql]) => /^CREATE INDEX .* ON "(Event|CampaignEvent)"/.test(sql));
    expect(new Map(onTables)).toEqual(new Map(Object.values(SECONDARY_INDEXES).flat().map((i) => [i.name, i.sql])));
    // A start restores nothing on a freshly migrated database.
    await prepareDatabase({ seedIfEmpty: false });
    expect(indexSql()).toEqual(made);
  });

  it("are put back after being dropped, as an interrupted import leaves them", () => {
    dropSecondaryIndexes(bulkConnection(), "Event");
    dropSecondaryIndexes(bulkConnection(), "CampaignEvent");
    expect(restoreIndexes(bulkConnection())).toEqual(Object.values(SECONDARY_INDEXES).flat().map((i) => i.name));
    expect(restoreIndexes(bulkConnection())).toEqual([]);
  });
});
