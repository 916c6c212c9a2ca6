import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../services/prepare-database";
import { bulkConnection } from "./bulk-insert";
import { dropSecondaryIndexes, restoreIndexes, SECONDARY_INDEXES } from "./bulk-load";

beforeAll(() => prepareDatabase({ seedIfEmpty: false }));

const indexSql = () => new Map((bulkConnection().prepare(`SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));

describe("bulk-load indexes", () => {
  it("are exactly the indexes the migrations create", () => {
    const made = indexSql();
    for (const i of Object.values(SECONDARY_INDEXES).flat()) expect(made.get(i.name), i.name).toBe(i.sql);
  });

  it("are put back after being dropped, as an interrupted import leaves them", () => {
    dropSecondaryIndexes(bulkConnection(), "Event");
    dropSecondaryIndexes(bulkConnection(), "CampaignEvent");
    expect(restoreIndexes(bulkConnection())).toEqual(Object.values(SECONDARY_INDEXES).flat().map((i) => i.name));
    expect(restoreIndexes(bulkConnection())).toEqual([]);
  });
});
