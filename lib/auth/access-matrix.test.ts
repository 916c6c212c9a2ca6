// The role matrix over every server action and route handler of the app, found from the file system so a
// new one cannot be left out: each must be listed below with the permission it needs, and each is called
// as nobody, as every role, and with API tokens, checking who gets through and who gets 401/403. Inputs
// are deliberately unusable (no input, id 0, an empty body), so a caller who is let through is stopped by
// validation and nothing changes; a refused caller never reaches validation. Pages are walked the same way
// in the browser (e2e/access.spec.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/services/prepare-database";
import { ROLES, SCOPES, can, type Permission, type Scope } from "./roles";
import { actAs, sessionHeaders, tokenHeaders } from "./test-support";

const APP = path.resolve(import.meta.dirname, "../../app");

/** Every server action: "<file under app/>#<export>" → what it needs ("public" for the first-run set-up only). */
const ACTIONS: Record<string, Permission | "public"> = {
  "admin/actions.ts#createUserAction": "admin",
  "admin/actions.ts#setRoleAction": "admin",
  "admin/actions.ts#createTokenAction": "admin",
  "admin/actions.ts#revokeTokenAction": "admin",
  "admin/customers/actions.ts#eraseCustomerAction": "admin",
  "data/import/actions.ts#analyseUploadAction": "imports:write",
  "data/import/actions.ts#startImportAction": "imports:write",
  "jobs/actions.ts#cancelJobAction": "models:train",
  "recommendations/actions.ts#trainModelsAction": "models:train",
  "recommendations/evaluation/actions.ts#evaluateAction": "models:train",
  "segments/actions.ts#findClustersAction": "models:train",
  "campaigns/attribution/actions.ts#runAttributionAction": "models:train",
  "campaigns/scoring/actions.ts#trainScoringAction": "models:train",
  "campaigns/targeting/actions.ts#saveAudienceAction": "segments:write",
  "campaigns/uplift/actions.ts#measureUpliftAction": "models:train",
  "campaigns/scoring/file/actions.ts#evaluateFileAction": "models:train",
  "campaigns/scoring/file/actions.ts#inspectFileAction": "models:train",
  "campaigns/uplift/actions.ts#savePersuadablesAction": "segments:write",
  "segments/actions.ts#renameClusterAction": "segments:write",
  "segments/rule-actions.ts#saveRuleSegmentAction": "segments:write",
  "segments/rule-actions.ts#deleteSegmentAction": "segments:write",
  "setup/actions.ts#createFirstAdminAction": "public",
};

/** Every route handler: "<METHOD> <file under app/>" → the permission and, when tokens may call it, the scope. */
interface RouteAccess {
  permission: Permission;
  scope?: Scope | "any";
  /** What a caller who is let through gets for the unusable request (default: 400 or 404). */
  passes?: number[];
}
const ROUTES: Record<string, RouteAccess | "better-auth"> = {
  // Filters are optional, so the whole (test) log comes back.
  "GET api/audit/route.ts": { permission: "admin", passes: [200] },
  "GET api/auth/[...all]/route.ts": "better-auth",
  "GET api/customers/export/route.ts": { permission: "admin" },
  "POST api/auth/[...all]/route.ts": "better-auth",
  "GET api/imports/[id]/rejected/route.ts": { permission: "imports:write", scope: "imports:write" },
  "POST api/imports/route.ts": { permission: "imports:write", scope: "imports:write" },
  "POST api/imports/uploads/route.ts": { permission: "imports:write", scope: "imports:write" },
  "GET api/jobs/[id]/route.ts": { permission: "dashboards:read", scope: "imports:write" },
  "GET api/openapi.json/route.ts": { permission: "dashboards:read", scope: "any", passes: [200] },
  "GET api/recommendations/[customerId]/route.ts": { permission: "dashboards:read", scope: "recommendations:read" },
  "GET api/scores/[customerId]/route.ts": { permission: "dashboards:read", scope: "scores:read" },
  "GET api/segments/[id]/export/route.ts": { permission: "exports:read", scope: "segments:read" },
  "GET api/targeting/export/route.ts": { permission: "exports:read", scope: "segments:read", passes: [409] },
  "GET api/segments/count/route.ts": { permission: "dashboards:read", scope: "segments:read" },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const sources = filesUnder(APP).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
const actionFiles = sources.filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
const routeFiles = sources.filter((f) => path.basename(f) === "route.ts");
const rel = (f: string) => path.relative(APP, f);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Action = (input: unknown) => Promise<{ ok: boolean; code?: string; message?: string }>;

async function discoverActions(): Promise<Map<string, Action>> {
  const found = new Map<string, Action>();
  for (const f of actionFiles) for (const [name, fn] of Object.entries(await import(f))) if (typeof fn === "function") found.set(`${rel(f)}#${name}`, fn as Action);
  return found;
}

async function discoverRoutes(): Promise<Map<string, Handler>> {
  const found = new Map<string, Handler>();
  for (const f of routeFiles) for (const [name, fn] of Object.entries(await import(f))) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) found.set(`${name} ${rel(f)}`, fn as Handler);
  return found;
}

/** A request the handler cannot act on: every dynamic segment "0", no query, an empty body. */
function call(handler: Handler, key: string, headers: Headers): Promise<Response> {
  const method = key.split(" ")[0]!;
  const params = Object.fromEntries([...key.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1]!, "0"]));
  return handler(new Request("http://localhost/x", { method, headers }), { params: Promise.resolve(params) });
}

let actions: Map<string, Action>;
let routes: Map<string, Handler>;
beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  [actions, routes] = await Promise.all([discoverActions(), discoverRoutes()]);
});

describe("the access matrix covers every entry point", () => {
  it("lists exactly the server actions found under app/", () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it("lists exactly the route handlers found under app/", () => {
    expect([...routes.keys()].sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

describe("server actions", () => {
  it("refuse a caller with no session, before reading the input", async () => {
    await actAs(null);
    for (const [key, permission] of Object.entries(ACTIONS)) {
      if (permission === "public") continue;
      expect(await actions.get(key)!(undefined), key).toEqual({ ok: false, code: "unauthenticated", message: "Sign in to MarketLens first, or send an API token." });
    }
  });

  it.each(ROLES)("let %s through exactly where the matrix says", async (role) => {
    await actAs(role);
    const before = await getDb().auditEvent.count({ where: { outcome: "denied" } });
    let denied = 0;
    for (const [key, permission] of Object.entries(ACTIONS)) {
      const r = await actions.get(key)!(undefined);
      if (permission === "public" || can(role, permission)) {
        expect(r, key).toMatchObject({ ok: false, code: "invalid_input" });
      } else {
        denied++;
        expect(r, key).toMatchObject({ ok: false, code: "unauthorised", message: expect.stringMatching(new RegExp(`^Your role \\(${role}\\) may not `)) });
      }
    }
    // Every refusal is in the audit log.
    expect((await getDb().auditEvent.count({ where: { outcome: "denied" } })) - before).toBe(denied);
  });
});

describe("route handlers", () => {
  const checked = () => Object.entries(ROUTES).filter((e): e is [string, RouteAccess] => e[1] !== "better-auth");
  const passes = (a: RouteAccess) => a.passes ?? [400, 404];

  it("answer 401 to a caller with neither a session nor a token", async () => {
    for (const [key] of checked()) {
      const res = await call(routes.get(key)!, key, new Headers());
      expect(res.status, key).toBe(401);
      expect(await res.json(), key).toEqual({ code: "unauthenticated", message: "Sign in to MarketLens first, or send an API token." });
    }
  });

  it.each(ROLES)("let %s's session through exactly where the matrix says", async (role) => {
    const headers = await sessionHeaders(role);
    for (const [key, access] of checked()) {
      const res = await call(routes.get(key)!, key, headers);
      if (can(role, access.permission)) expect(passes(access), `${key}: ${res.status}`).toContain(res.status);
      else expect(res.status, key).toBe(403);
    }
  });

  it("let a token through only with the route's scope, and only as far as its user's role goes", async () => {
    const scoped = await tokenHeaders("admin", [...SCOPES]);
    // Every scope but the route's own: the token must name the route's scope, not just any scope.
    const allBut = new Map<string, Headers>();
    for (const scope of SCOPES) allBut.set(scope, await tokenHeaders("admin", SCOPES.filter((s) => s !== scope)));
    const viewer = await tokenHeaders("viewer", ["segments:read", "imports:write"]);
    for (const [key, access] of checked()) {
      const route = routes.get(key)!;
      const withScope = await call(route, key, scoped);
      if (!access.scope) {
        expect(withScope.status, key).toBe(403);
        expect(await withScope.json(), key).toEqual({ code: "unauthorised", message: "This cannot be done with an API token: sign in to MarketLens instead." });
        continue;
      }
      expect(passes(access), `${key}: ${withScope.status}`).toContain(withScope.status);
      const without = await call(route, key, access.scope === "any" ? allBut.get(SCOPES[0])! : allBut.get(access.scope)!);
      if (access.scope === "any") {
        expect(passes(access), key).toContain(without.status);
        continue;
      }
      expect(without.status, key).toBe(403);
      expect(await without.json(), key).toEqual({ code: "unauthorised", message: `This API token does not have the scope "${access.scope}".` });
      if (access.scope === "segments:read" || access.scope === "imports:write") {
        // The scope is there; the viewer's role decides.
        const byViewer = await call(route, key, viewer);
        if (can("viewer", access.permission)) expect(passes(access), key).toContain(byViewer.status);
        else expect(byViewer.status, key).toBe(403);
      }
    }
  });

  it("refuses a state-changing call with a session from another site", async () => {
    const headers = await sessionHeaders("admin");
    headers.set("origin", "https://evil.example");
    headers.set("sec-fetch-site", "cross-site");
    const res = await routes.get("POST api/imports/uploads/route.ts")!(new Request("http://localhost/api/imports/uploads", { method: "POST", headers, body: "a,b\n1,2\n" }), { params: Promise.resolve({}) });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: "unauthorised", message: "This request came from another site and was refused." });
  });
});
