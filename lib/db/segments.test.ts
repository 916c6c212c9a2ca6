import { beforeAll, describe, expect, it } from "vitest";
import { prepareDatabase } from "../services/prepare-database";
import { getDb } from "./client";
import { getSegment, listSegments, saveRuleSegment } from "./segments";

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
});

const adults = { all: [{ field: "age", op: "gte" as const, value: 18 }] };
const definitionOf = async (id: number) => (await getDb().segment.findUniqueOrThrow({ where: { id }, select: { definition: true } })).definition;
const insertRule = async (definition: object) => (await getDb().segment.create({ data: { name: "Old", kind: "rule", definition, memberCount: 7 }, select: { id: true } })).id;

describe("stored segment rules", () => {
  it("saves the rule in a versioned envelope and reads it back", async () => {
    const saved = await saveRuleSegment("Adults", "Age ≥ 18", adults);
    expect(await definitionOf(saved.id)).toEqual({ version: 1, rule: adults });
    expect((await getSegment(saved.id))!.rule).toEqual(adults);
  });

  it("reads a rule saved before versions (the bare rule) as the same rule", async () => {
    const id = await insertRule({ any: [{ field: "country", op: "eq", value: "UK" }, adults] });
    expect((await getSegment(id))!.rule).toEqual({ any: [{ field: "country", op: "eq", value: "UK" }, adults] });
  });

  it("refuses a rule from a newer version or a damaged one when the segment is opened, and still lists the others", async () => {
    const newer = await insertRule({ version: 2, rule: adults, audience: "all" });
    const damaged = await insertRule({ version: 1, rule: { all: [{ field: "age", op: "older than", value: 18 }] } });
    await expect(getSegment(newer)).rejects.toThrow(
      `The stored segment rule of segment ${newer} is in format version 2, written by a newer MarketLens than this one (which reads version 1): build the rule again and save it as a new segment.`,
    );
    await expect(getSegment(damaged)).rejects.toThrow(`The stored segment rule of segment ${damaged} is damaged (rule: Invalid input) and cannot be read`);
    const listed = new Map((await listSegments()).map((s) => [s.id, s]));
    expect(listed.get(newer)).toMatchObject({ rule: null, memberCount: 7 });
    expect(listed.get(damaged)).toMatchObject({ rule: null, memberCount: 7 });
  });
});
