import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom, schemaPath } from "./schema-variants";

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with the provider and the client's folder swapped, and Json stored as json", () => {
    const sqlite = 'generator client {\n  provider = "prisma-client"\n  output   = "../lib/db/generated"\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id Int @id\n  tags Json?\n  data   Json @default("{}")\n}\n';
    expect(postgresSchemaFrom(sqlite)).toBe(
      '// GENERATED from prisma/schema.prisma by `npm run db:generate`: edit that file, never this one.\ngenerator client {\n  provider = "prisma-client"\n  output   = "../../lib/db/generated-pg"\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n  tags Json? @db.Json\n  data   Json @db.Json @default("{}")\n}\n',
    );
  });

  it("refuses a schema it cannot derive from, naming what is missing", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "postgresql"\n}\n')).toThrow('prisma/schema.prisma: expected one provider = "sqlite" line, found 0');
  });

  it("is committed as derived from prisma/schema.prisma (run `npm run db:generate` when this fails)", () => {
    expect(readFileSync(schemaPath("postgresql"), "utf8")).toBe(postgresSchemaFrom(readFileSync(schemaPath("sqlite"), "utf8")));
  });
});
