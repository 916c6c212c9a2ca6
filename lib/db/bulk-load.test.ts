import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { prepareDatabase } from "../services/prepare-database";
import { bulkConnection } from "./bulk-insert";
import { dropSecondaryIndexes, restoreIndexes, SECONDARY_INDEXES, TimeOrderedIndexes } from "./bulk-load";
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

  it("keep the time-ordered ones through a load while its rows come in time order, and drop them once they do not", () => {
    const db = bulkConnection();
    const names = () => [...indexSql().keys()].filter((n) => n.startsWith("Event_") && n.endsWith("_idx")).sort();
    dropSecondaryIndexes(db, "Event");
    const watch = new TimeOrderedIndexes(db, "Event");
    watch.observe(["2011-01-01T08:00:00.000+00:00", "2011-01-01T08:00:00.000+00:00", "2011-01-01T09:00:00.000+00:00"]);
    expect(names()).toEqual(["Event_occurredAt_idx", "Event_type_occurredAt_revenue_orderId_customerId_idx"]);
    watch.observe(["2011-01-02T00:00:00.000+00:00", "2010-06-01T00:00:00.000+00:00"]);
    expect(names()).toEqual([]);
    // Once out of order, the load leaves them to the end even if later rows are in order again.
    watch.observe(["2012-01-01T00:00:00.000+00:00"]);
    expect(names()).toEqual([]);
    expect(restoreIndexes(db)).toHaveLength(4);
  });
});
