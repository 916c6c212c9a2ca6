// The OpenAPI 3.1 document of the REST API, generated from lib/http/api-catalogue.ts: the same access
// rules and zod query schemas the handlers check (zod's own JSON Schema output, for the input side).
import { z } from "zod";
import { SCOPE_SUMMARY, SCOPES } from "../auth/roles";
import { API, type ApiEndpoint } from "./api-catalogue";

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

/** What a client sends (the input side of transforms and defaults), without the $schema line. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined) {
  if (!schema) return [];
  const json = jsonSchema(schema) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: "query", required: json.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) };
  });
}

const ERROR_BODY = {
  type: "object",
  required: ["code", "message"],
  properties: {
    code: { type: "string", enum: ["invalid_input", "rejected", "not_found", "unauthenticated", "unauthorised", "conflict", "rate_limited", "internal"] },
    message: { type: "string", description: "Written for a person; safe to show as it is." },
    fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
};

function operation(e: ApiEndpoint) {
  const scope = e.access.scope;
  const security = [{ sessionCookie: [] }, ...(scope ? [{ bearerToken: scope === "any" ? [] : [scope] }] : [])];
  const error = (d: string) => ({ description: d, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  return {
    summary: e.summary,
    description: `Needs the permission "${e.access.permission}"${scope ? (scope === "any" ? "; any API token may call it" : `; an API token needs the scope "${scope}"`) : "; only a signed-in person, not an API token"}.`,
    security,
    parameters: [...Object.entries(e.params ?? {}).map(([name, description]) => ({ name, in: "path", required: true, description, schema: { type: "string", pattern: "^[1-9][0-9]{0,9}$" } })), ...queryParameters(e.query)],
    ...(e.body ? { requestBody: { required: true, description: e.body.description, content: { [e.body.type]: { schema: e.body.schema ? jsonSchema(e.body.schema) : { type: "string", format: "binary" } } } } } : {}),
    responses: {
      [String(e.returns.status)]: { description: e.returns.description, content: { [e.returns.type]: { schema: e.returns.type === "text/csv" ? { type: "string" } : { type: "object" } } } },
      "400": error("The query or body is not valid; fieldErrors says which field and why."),
      "401": error("No session and no token, or a token that is unknown, revoked or expired."),
      "403": error("The role, or the token's scopes, do not allow this."),
      "404": error("No such row."),
      "429": error("Too many requests with this token in the last minute."),
    },
  };
}

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of Object.values(API) as ApiEndpoint[]) (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(e);
  return {
    openapi: "3.1.0",
    info: { title: "MarketLens API", version: "1", description: "Recommendations, segments, imports and jobs of a MarketLens installation. Call it with a session (signed in) or an API token made by an admin under Admin → API tokens." },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: `An API token (mlk_…). Its scopes: ${SCOPES.map((s) => `${s} (${SCOPE_SUMMARY[s]})`).join("; ")}. A token acts as its user and never beyond their role.` },
        sessionCookie: { type: "apiKey", in: "cookie", name: "marketlens.session_token", description: "The session of a signed-in person (__Secure-marketlens.session_token over HTTPS)." },
      },
      schemas: { Error: ERROR_BODY },
    },
  };
}
