// Who is asking: a signed-in person (better-auth's session cookie) or an API token (Authorization: Bearer).
// The one place a request's identity is read; lib/auth/guard.ts decides what they may do.
import { createHash, randomBytes } from "node:crypto";
import { findApiTokenByHash, touchApiToken } from "../db/api-tokens";
import { UserError } from "../errors";
import { getAuth } from "./auth";
import { isRole, isScope, type Role, type Scope } from "./roles";

export interface Caller {
  userId: string;
  /** The person's email, for the audit log's "who". */
  label: string;
  role: Role;
  via: "session" | "token";
  /** For a token: what it may do (its user's role still applies). */
  scopes: readonly Scope[] | null;
  tokenId: number | null;
}

export const TOKEN_PREFIX = "mlk_";

export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// Tokens are 256-bit random strings, so one SHA-256 is enough to make a stolen database useless for calling
// the API (a slow hash protects guessable passwords, which these are not).
async function callerFromToken(token: string): Promise<Caller> {
  const row = token.startsWith(TOKEN_PREFIX) ? await findApiTokenByHash(hashToken(token)) : null;
  const now = new Date();
  if (!row) throw new UserError("This API token is not valid.", "unauthenticated");
  if (row.revokedAt) throw new UserError("This API token has been revoked.", "unauthenticated");
  if (row.expiresAt && row.expiresAt <= now) throw new UserError("This API token has expired.", "unauthenticated");
  takeTokenRequest(row.id, now.getTime());
  await touchApiToken(row.id, now);
  return { userId: row.user.id, label: row.user.email, role: row.user.role, via: "token", scopes: row.scopes.filter(isScope), tokenId: row.id };
}

/** Requests one token may make per minute, counted in this process. */
export const TOKEN_REQUESTS_PER_MINUTE = 600;
const tokenWindows = new Map<number, number[]>();

function takeTokenRequest(tokenId: number, now: number): void {
  const recent = (tokenWindows.get(tokenId) ?? []).filter((t) => t > now - 60_000);
  if (recent.length >= TOKEN_REQUESTS_PER_MINUTE) {
    tokenWindows.set(tokenId, recent);
    throw new UserError(`This API token has made ${TOKEN_REQUESTS_PER_MINUTE} requests in the last minute: wait a little and try again.`, "rate_limited");
  }
  recent.push(now);
  tokenWindows.set(tokenId, recent);
}

/** The caller of a request with these headers, or null when it carries neither a session nor a token. */
export async function callerFromHeaders(headers: Headers): Promise<Caller | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw new UserError('Send the API token as "Authorization: Bearer <token>".', "unauthenticated");
    return callerFromToken(m[1]!);
  }
  const session = await getAuth().api.getSession({ headers });
  if (!session) return null;
  const role = session.user.role;
  return { userId: session.user.id, label: session.user.email, role: isRole(role) ? role : "viewer", via: "session", scopes: null, tokenId: null };
}
