// Sign-in through better-auth's own HTTP endpoints, as the browser calls them: the session it makes, the
// audit entries, sign-out ending the session in the database, and both sign-in limits (per address and
// per account).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { prepareDatabase } from "../services/prepare-database";
import { createUser } from "../services/users";
import { ACCOUNT_FAILURES, getAuth, SIGN_IN_ATTEMPTS } from "./auth";
import { callerFromHeaders } from "./caller";

const ORIGIN = "http://localhost";

function signIn(email: string, password: string, ip: string): Promise<Response> {
  return getAuth().handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip }, body: JSON.stringify({ email, password }) }),
  );
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  for (const email of ["ana@shop.example", "bo@shop.example", "cy@shop.example"]) await createUser({ email, name: "", password: "a long passphrase", role: "analyst" }, { caller: null, via: "test" });
});

describe("sign-in", () => {
  it("makes a session cookie the app accepts, records the sign-in, and sign-out ends the session", async () => {
    const res = await signIn("Ana@Shop.example", "a long passphrase", "198.51.100.1");
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/^marketlens\.session_token=/);
    expect(res.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax/);
    expect(await callerFromHeaders(new Headers({ cookie }))).toMatchObject({ label: "ana@shop.example", role: "analyst", via: "session" });
    const audit = await getDb().auditEvent.findFirst({ where: { action: "sign-in" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "ok", actorLabel: "ana@shop.example", ip: "198.51.100.1" });

    const out = await getAuth().handler(new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: ORIGIN } }));
    expect(out.status).toBe(200);
    expect(await callerFromHeaders(new Headers({ cookie }))).toBeNull();
    expect(await getDb().auditEvent.findFirst({ where: { action: "sign-out" } })).toMatchObject({ actorLabel: "ana@shop.example" });
  });

  it("refuses a wrong password and names the account in the audit log only when it exists", async () => {
    expect((await signIn("ana@shop.example", "wrong passphrase", "198.51.100.2")).status).toBe(401);
    expect((await signIn("nobody@shop.example", "hunter2 typed in the wrong box", "198.51.100.2")).status).toBe(401);
    const failed = await getDb().auditEvent.findMany({ where: { action: "sign-in", outcome: "failed" }, orderBy: { id: "asc" }, select: { actorLabel: true, detail: true } });
    expect(failed).toEqual([{ actorLabel: "ana@shop.example", detail: { reason: "wrong password" } }, { actorLabel: null, detail: { reason: "unknown account" } }]);
    expect(JSON.stringify(await getDb().auditEvent.findMany())).not.toContain("hunter2");
  });

  it(`allows ${SIGN_IN_ATTEMPTS} attempts a minute from one address, then answers 429`, async () => {
    const statuses = [];
    // Guesses at accounts that do not exist, so only the per-address limit is in play.
    for (let i = 0; i <= SIGN_IN_ATTEMPTS; i++) statuses.push((await signIn(`guess${i}@shop.example`, "wrong passphrase", "203.0.113.9")).status);
    expect(statuses).toEqual([...Array(SIGN_IN_ATTEMPTS).fill(401), 429]);
    // Even the right password waits; another address does not.
    expect((await signIn("bo@shop.example", "a long passphrase", "203.0.113.9")).status).toBe(429);
    expect((await signIn("bo@shop.example", "a long passphrase", "203.0.113.10")).status).toBe(200);
  });

  it(`locks one account after ${ACCOUNT_FAILURES} failures however many addresses they come from`, async () => {
    for (let i = 0; i < ACCOUNT_FAILURES; i++) expect((await signIn("cy@shop.example", "wrong passphrase", `192.0.2.${i + 1}`)).status).toBe(401);
    const locked = await signIn("cy@shop.example", "a long passphrase", "192.0.2.200");
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ message: "Too many requests. Please try again later." });
    expect(await getDb().auditEvent.count({ where: { action: "sign-in", outcome: "denied", actorLabel: "cy@shop.example" } })).toBe(1);
  });

  it("has no sign-up: accounts come from the set-up page and admins only", async () => {
    const res = await getAuth().handler(new Request(`${ORIGIN}/api/auth/sign-up/email`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify({ email: "eve@shop.example", password: "a long passphrase", name: "Eve" }) }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await getDb().user.findUnique({ where: { email: "eve@shop.example" } })).toBeNull();
  });
});
