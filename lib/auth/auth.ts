// Sign-in, sessions and the sign-in rate limit, by better-auth (a maintained library; Auth.js is in
// maintenance and Lucia deprecated) with its Prisma adapter, so accounts live in the same database as
// everything else. Its HTTP endpoints are served at /api/auth/* (app/api/auth/[...all]/route.ts).
//
// Accounts are only ever made by lib/services/users.ts (the set-up page, the admin page and the CLI), which
// checks passwords against lib/auth/password-policy.ts: public sign-up is off. Roles live on the user row
// (`role`, lib/auth/roles.ts) and cannot be set through better-auth's endpoints (`input: false`).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { getDb } from "../db/client";
import { configuredProvider, env } from "../env";
import { countFailedSignIns, recordAuditEvent } from "../db/audit";
import { findUserByEmail } from "../db/users";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";
import { deriveKey } from "./secret";

/** Sign-in attempts allowed per client address in SIGN_IN_WINDOW_S seconds. */
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_S = 60;
export const SESSION_DAYS = 7;
/**
 * Failed sign-ins one account may have in ACCOUNT_WINDOW_MIN minutes before further attempts are refused.
 * The per-address limit keys on X-Forwarded-For, which a client reaching the app directly can set itself;
 * this one cannot be dodged that way.
 */
export const ACCOUNT_FAILURES = 10;
export const ACCOUNT_WINDOW_MIN = 15;

function createAuth() {
  return betterAuth({
    appName: "MarketLens",
    secret: deriveKey("session").toString("base64url"),
    // Without a configured address, the one each request was sent to (its Host header, which a browser sets
    // truthfully, so the origin check of sign-in still holds); the README says to set it behind a proxy.
    baseURL: env.MARKETLENS_BASE_URL ?? { allowedHosts: ["*"], protocol: "http", fallback: "http://localhost" },
    trustedOrigins: env.MARKETLENS_BASE_URL ? [env.MARKETLENS_BASE_URL] : undefined,
    database: prismaAdapter(getDb(), { provider: configuredProvider() }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", input: false, defaultValue: "viewer" } } },
    session: { expiresIn: SESSION_DAYS * 86_400, updateAge: 86_400 },
    // In the database, so the count holds across app processes and restarts; on in every environment, not
    // only production (better-auth's default), so the browser tests check it too.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: SIGN_IN_WINDOW_S, max: SIGN_IN_ATTEMPTS } },
    },
    advanced: {
      cookiePrefix: "marketlens",
      // __Secure- names and the Secure flag only where the app is served over HTTPS: over plain http on a
      // LAN address a Secure cookie would never come back and nobody could sign in.
      useSecureCookies: env.MARKETLENS_BASE_URL?.startsWith("https://") ?? false,
    },
    telemetry: { enabled: false },
    hooks: { before: createAuthMiddleware(async (ctx) => (await limitAccount(ctx), await auditSignOut(ctx))), after: createAuthMiddleware(async (ctx) => auditSignIn(ctx)) },
  });
}

/** The client address (as the app's own server or proxy passed it) and browser of a request, for the audit log. */
export function requestOrigin(request: Request | undefined | null): { ip: string | null; userAgent: string | null } {
  const h = request?.headers;
  return { ip: h?.get("x-forwarded-for")?.split(",")[0]?.trim() || null, userAgent: h?.get("user-agent")?.slice(0, 300) || null };
}

type AfterContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

// Who signed in or failed to, from where. A failed attempt names the account only when it exists: what was
// typed into the email field of an unknown account (a password, often) is never written down.
async function auditSignIn(ctx: AfterContext): Promise<void> {
  if (ctx.path === "/sign-in/email") {
    const returned = ctx.context.returned;
    const failed = isAPIError(returned);
    const session = ctx.context.newSession;
    const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
    const user = session?.user ?? (email ? await findUserByEmail(email) : null);
    await recordAuditEvent({
      action: "sign-in",
      outcome: failed || !session ? "failed" : "ok",
      actor: user ? { id: user.id, label: user.email } : null,
      detail: failed || !session ? { reason: user ? "wrong password" : "unknown account" } : undefined,
      ...requestOrigin(ctx.request),
    });
  }
}

async function limitAccount(ctx: AfterContext): Promise<void> {
  if (ctx.path !== "/sign-in/email" || typeof ctx.body?.email !== "string") return;
  const user = await findUserByEmail(ctx.body.email);
  if (!user) return;
  const failures = await countFailedSignIns(user.id, new Date(Date.now() - ACCOUNT_WINDOW_MIN * 60_000));
  if (failures >= ACCOUNT_FAILURES) {
    await recordAuditEvent({ action: "sign-in", outcome: "denied", actor: { id: user.id, label: user.email }, detail: { reason: "too many failed attempts" }, ...requestOrigin(ctx.request) });
    // The same words as the per-address limit: the answer must not tell which accounts exist.
    throw new APIError("TOO_MANY_REQUESTS", { message: "Too many requests. Please try again later." });
  }
}

// Before, since afterwards the session is gone.
async function auditSignOut(ctx: AfterContext): Promise<void> {
  if (ctx.path !== "/sign-out") return;
  const session = await getSessionFromCtx(ctx);
  if (session) await recordAuditEvent({ action: "sign-out", outcome: "ok", actor: { id: session.user.id, label: session.user.email }, ...requestOrigin(ctx.request) });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { marketlensAuth?: Auth };

/** The one better-auth instance of this process (one across Next's dev reloads). */
export function getAuth(): Auth {
  globalForAuth.marketlensAuth ??= createAuth();
  return globalForAuth.marketlensAuth;
}
