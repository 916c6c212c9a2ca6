// /api/openapi.json is generated from lib/http/api-catalogue.ts, which the handlers take their access and
// query schemas from: every route file under app/api must be in it, with the methods it exports, and the
// document must carry each one's security and the zod schemas' constraints.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API, type ApiEndpoint } from "./api-catalogue";
import { openApiDocument } from "./openapi";

const APP = path.resolve(import.meta.dirname, "../../app");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

const endpoints = Object.values(API) as ApiEndpoint[];

describe("the OpenAPI document", () => {
  it("lists every route handler under app/api (but better-auth's own) with the methods its file exports", () => {
    const found = routeFiles(path.join(APP, "api"))
      .map((f) => path.relative(APP, f))
      .filter((f) => !f.startsWith("api/auth/"))
      .flatMap((f) => [...readFileSync(path.join(APP, f), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${f}`));
    expect(found.sort()).toEqual(endpoints.map((e) => `${e.method} ${e.file}`).sort());
    // Each handler takes its access from the catalogue, so the document says what is enforced.
    for (const e of endpoints) expect(readFileSync(path.join(APP, e.file), "utf8"), e.file).toMatch(/API\.\w+\.access/);
  });

  it("describes each operation's security, path parameters and query from the zod schemas", () => {
    const doc = openApiDocument("https://marketlens.example.com");
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://marketlens.example.com" }]);
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(endpoints.map((e) => e.path))].sort());
    const recs = doc.paths["/api/recommendations/{customerId}"]!.get as { security: unknown; parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[] };
    expect(recs.security).toEqual([{ sessionCookie: [] }, { bearerToken: ["recommendations:read"] }]);
    expect(recs.parameters.find((p) => p.name === "customerId")).toMatchObject({ in: "path", required: true });
    expect(recs.parameters.find((p) => p.name === "n")).toEqual({ name: "n", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } });
    const count = doc.paths["/api/segments/count"]!.get as { parameters: { name: string; required: boolean; schema: Record<string, unknown>; description?: string }[] };
    expect(count.parameters).toEqual([{ name: "rule", in: "query", required: true, schema: { type: "string", maxLength: 20000 }, description: 'The rule as JSON, e.g. {"all":[{"field":"age","op":"gte","value":18}]}' }]);
    const audit = doc.paths["/api/audit"]!.get as { security: unknown };
    expect(audit.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
  });
});

describe("starting an import through the API", () => {
  it("describes the JSON body from the same schema the route checks", () => {
    const op = openApiDocument().paths["/api/imports"]!.post as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } };
    const schema = op.requestBody.content["application/json"]!.schema;
    expect(schema.required).toEqual(["uploadId", "options"]);
    expect(Object.keys((schema.properties.options as { properties: object }).properties)).toEqual(expect.arrayContaining(["kind", "mapping", "dryRun", "hashEmails"]));
  });
});
