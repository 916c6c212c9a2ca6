// For tests only: real users, signed in through better-auth, so tests exercise the same session check as
// the app. vitest.setup.ts makes next/headers' headers() return `testHeaders()`, so server actions called
// in a test see whoever the test acts as.
import { getAuth } from "./auth";
import type { Role } from "./roles";
import { createUser } from "../services/users";
import { findUserByEmail } from "../db/users";
import { createApiToken } from "../services/api-tokens";

export const TEST_PASSWORD = "a long test passphrase";

let current = new Headers();

export function testHeaders(): Headers {
  return current;
}

export function testEmail(role: Role): string {
  return `${role}@test.example`;
}

async function ensureUser(role: Role): Promise<void> {
  if (!(await findUserByEmail(testEmail(role)))) await createUser({ email: testEmail(role), name: `Test ${role}`, password: TEST_PASSWORD, role }, { caller: null, via: "test" });
}

/** Headers carrying a real session cookie of a user with `role` (created on first use). */
export async function sessionHeaders(role: Role): Promise<Headers> {
  await ensureUser(role);
  const res = await getAuth().api.signInEmail({ body: { email: testEmail(role), password: TEST_PASSWORD }, asResponse: true });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`signing in as ${role} in a test gave no cookie (status ${res.status})`);
  return new Headers({ cookie });
}

/** Server actions called from now on run as a signed-in user with `role`; null for nobody. */
export async function actAs(role: Role | null): Promise<void> {
  current = role ? await sessionHeaders(role) : new Headers();
}

/** A bearer token of the `role` test user with `scopes`. */
export async function tokenHeaders(role: Role, scopes: string[]): Promise<Headers> {
  await ensureUser(role);
  const t = await createApiToken({ userEmail: testEmail(role), scopes }, { caller: null, via: "test" });
  return new Headers({ authorization: `Bearer ${t.token}` });
}
