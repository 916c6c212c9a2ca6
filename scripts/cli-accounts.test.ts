// `cli users`, `cli tokens` and `cli customers` as an engineer calls them: the same services as the admin
// pages, one JSON object with --json, the reason for every refusal.
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../lib/days";
import { cliSandbox } from "./cli-test-support";

const { cli, file } = cliSandbox("cli-accounts");

describe("cli users and tokens", () => {
  it("creates the first admin and another user, refuses a weak password and a bad role, lists them, changes a role", () => {
    const made = cli("users", "create", "--email", "Ada@Shop.example", "--password", "a long passphrase", "--role", "admin", "--json");
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).user).toMatchObject({ email: "ada@shop.example", role: "admin" });
    const weak = cli("users", "create", "--email", "bo@shop.example", "--password", "password123", "--role", "viewer");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("users: This password is one of the most common ones and easy to guess: choose another.");
    const role = cli("users", "create", "--email", "bo@shop.example", "--password", "a long passphrase", "--role", "owner");
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("--role: the role must be one of admin, analyst, marketer, viewer");
    expect(cli("users", "create", "--email", "bo@shop.example", "--password", "a long passphrase", "--role", "viewer").code).toBe(0);
    expect(JSON.parse(cli("users", "list", "--json").stdout).users.map((u: { email: string; role: string }) => `${u.email} ${u.role}`)).toEqual(["ada@shop.example admin", "bo@shop.example viewer"]);
    const last = cli("users", "set-role", "--email", "ada@shop.example", "--role", "viewer");
    expect(last.code).toBe(1);
    expect(last.stderr).toContain("This is the only admin: make another user an admin first");
    expect(cli("users", "set-role", "--email", "bo@shop.example", "--role", "analyst").stdout).toBe("bo@shop.example is now analyst.\n");
  });

  it("creates a token shown once, lists it by prefix only, and revokes it", () => {
    const bad = cli("tokens", "create", "--user", "bo@shop.example", "--scopes", "segments:read,everything");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Unknown scope "everything": the scopes are recommendations:read, segments:read, scores:read, imports:write.');
    const made = cli("tokens", "create", "--user", "bo@shop.example", "--scopes", "segments:read,recommendations:read", "--expires-days", "30", "--json");
    expect(made.code).toBe(0);
    const t = JSON.parse(made.stdout);
    expect(Object.keys(t).sort()).toEqual(["expiresAt", "id", "scopes", "token"]);
    expect(t).toMatchObject({ id: 1, scopes: ["segments:read", "recommendations:read"] });
    expect(t.token).toMatch(/^mlk_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(t.expiresAt) - Date.now()).toBeGreaterThan(29.9 * DAY_MS);
    const listed = cli("tokens", "list", "--json").stdout;
    expect(listed).not.toContain(t.token);
    expect(JSON.parse(listed).tokens[0]).toMatchObject({ id: 1, prefix: t.token.slice(0, 10), user: "bo@shop.example", revokedAt: null });
    expect(cli("tokens", "revoke", "--id", "1").stdout).toBe("Token 1 is revoked: calls with it are refused from now on.\n");
    const again = cli("tokens", "revoke", "--id", "1");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("There is no active token with id 1.");
  });
});

describe("cli customers", () => {
  it("exports one customer as JSON and erases them; a re-import refuses them", () => {
    const customers = file("customers.csv", "customer_id,email,name\nK1,kim@shop.example,Kim Kay\nK2,lee@shop.example,Lee Lo\n");
    expect(cli("import", "customers", customers).code).toBe(0);
    const usage = cli("customers", "export", "--id", "1", "--email", "kim@shop.example");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("name the customer with exactly one of --id, --external-id or --email");
    const exported = JSON.parse(cli("customers", "export", "--email", "KIM@shop.example", "--json").stdout);
    expect(exported.customer).toMatchObject({ externalId: "K1", email: "kim@shop.example", name: "Kim Kay" });
    const erased = cli("customers", "erase", "--external-id", "K1", "--json");
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ customerId: 1, events: 0, retrainingJobs: [] });
    const again = JSON.parse(cli("import", "customers", customers, "--json").stdout);
    expect(again).toMatchObject({ rejected: 1, unchanged: 1 });
    expect(again.errors[0].reason).toMatch(/^this customer was erased on request/);
    expect(cli("customers", "export", "--external-id", "K1").stderr).toContain("There is no customer with this id, external id or email.");
  });
});

describe("cli audit", () => {
  it("lists what the commands above did, filtered, and refuses a bad filter", () => {
    const r = cli("audit", "--action", "customer.erase", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total).toBe(1);
    expect(out.entries[0]).toMatchObject({ action: "customer.erase", outcome: "ok", target: "customer 1", actorLabel: expect.stringMatching(/^command line \(/) });
    expect(JSON.stringify(out)).not.toContain("kim@shop.example");
    const csv = cli("audit", "--action", "token.revoke", "--csv").stdout.trim().split("\n");
    expect(csv[0]).toBe("id,at,actor,action,outcome,target,detail,ip,user_agent");
    expect(csv).toHaveLength(2);
    // A job queued from the shell is recorded too.
    expect(cli("jobs", "start", "customer-clusters", "--param", "k=2", "--param", "features=monetary", "--param", "transform=none", "--param", "seed=1").code).toBe(0);
    expect(JSON.parse(cli("audit", "--action", "job.start", "--json").stdout).entries[0]).toMatchObject({ action: "job.start", target: "job 3", detail: { kind: "customer-clusters" } });
    const bad = cli("audit", "--from", "2026-02-30");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: "2026-02-30" is not a real day: February 2026 has 28 days');
  });
});
