import { describe, expect, it } from "vitest";
import type { PreparedChunk } from "./prepare-rows";
import { decodeChunk, encodeChunk } from "./chunk-transfer";

describe("prepared chunks between threads", () => {
  it("come back as they went: text, numbers, booleans, mixed values, empty cells, attributes, keys and times", () => {
    const chunk: PreparedChunk = {
      rows: [
        { line: 2, row: { fields: { customer: "C1", product: "P1", quantity: 2, revenue: -0, note: "x", flag: true }, attributes: null }, key: 9_007_199_254_740_993n, at: "2011-01-31T08:26:00.000+00:00" },
        { line: 3, row: { fields: { customer: null, product: "P1", quantity: 1.5, revenue: 3, note: 7, flag: null }, attributes: { tier: "gold", score: 3 } }, key: -5n, at: "2011-01-31T08:26:00.000+00:00" },
        { line: 5, row: { fields: { customer: "C1", product: "P2", quantity: null, revenue: 0, extra: "only here" }, attributes: null }, key: 0n, at: "2011-02-01T00:00:00.000+00:00" },
      ],
      rejected: [{ line: 4, issues: [{ column: "Quantity", reason: "is 0" }], cells: ["a", "b"] }],
      rowsRead: 4,
      blankLines: 1,
      columns: ["Customer", "Product"],
    };
    const { chunk: encoded, transfer } = encodeChunk(chunk);
    expect(transfer.length).toBeGreaterThan(0);
    // Rows that lack a field get it as null: the writers read a missing field and null alike.
    const expected = structuredClone(chunk);
    for (const r of expected.rows) for (const k of ["customer", "product", "quantity", "revenue", "note", "flag", "extra"]) r.row.fields[k] ??= null;
    const decoded = decodeChunk(structuredClone(encoded));
    expect(decoded).toEqual(expected);
    expect(Object.is(decoded.rows[0]!.row.fields.revenue, -0)).toBe(true);
    // Equal texts arrive as one string, written once.
    expect(encoded.columns[encoded.names.indexOf("customer")]).toMatchObject({ kind: "text", dictionary: ["C1"] });
  });

  it("carry rows without keys (entity kinds) and empty chunks", () => {
    const entities: PreparedChunk = { rows: [{ line: 2, row: { fields: { externalId: "C1", age: 30 }, attributes: null } }], rejected: [], rowsRead: 1, blankLines: 0, columns: null };
    expect(decodeChunk(encodeChunk(entities).chunk)).toEqual(entities);
    const empty: PreparedChunk = { rows: [], rejected: [], rowsRead: 0, blankLines: 0, columns: null };
    expect(decodeChunk(encodeChunk(empty).chunk)).toEqual(empty);
  });
});
