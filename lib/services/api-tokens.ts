// API tokens for the REST API, made by an admin for a user: shown once, stored as a SHA-256, revocable,
// with scopes that narrow (never widen) what the user's role allows.
import { hashToken, newTokenSecret } from "../auth/caller";
import { isScope, SCOPES, type Scope } from "../auth/roles";
import { DAY_MS } from "../days";
import { recordAuditEvent } from "../db/audit";
import { insertApiToken, listApiTokens, revokeApiToken, type ApiTokenRow } from "../db/api-tokens";
import { findUserByEmail } from "../db/users";
import { UserError } from "../errors";
import type { Actor } from "./users";

export const MAX_TOKEN_DAYS = 3650;

export interface NewToken {
  userEmail: string;
  name?: string;
  scopes: readonly string[];
  expiresDays?: number | null;
}

export interface CreatedToken {
  id: number;
  /** The only time the token itself is ever shown. */
  token: string;
  scopes: Scope[];
  expiresAt: string | null;
  user: string;
}

function auditActor(a: Actor) {
  return { actor: a.caller ? { id: a.caller.userId, label: a.caller.label } : null, ip: a.origin?.ip ?? null, userAgent: a.origin?.userAgent ?? null };
}

export function parseScopes(raw: readonly string[]): Scope[] {
  const unknown = raw.filter((s) => !isScope(s));
  if (unknown.length) throw new UserError(`Unknown scope ${unknown.map((s) => `"${s}"`).join(", ")}: the scopes are ${SCOPES.join(", ")}.`);
  const scopes = [...new Set(raw)] as Scope[];
  if (!scopes.length) throw new UserError(`Give the token at least one scope: ${SCOPES.join(", ")}.`);
  return scopes;
}

export async function createApiToken(t: NewToken, actor: Actor, now = new Date()): Promise<CreatedToken> {
  const scopes = parseScopes(t.scopes);
  const user = await findUserByEmail(t.userEmail);
  if (!user) throw new UserError(`There is no user with the email ${t.userEmail.trim().toLowerCase()}.`, "not_found");
  const days = t.expiresDays ?? null;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)) throw new UserError(`The expiry must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}.`);
  const token = newTokenSecret();
  const expiresAt = days === null ? null : new Date(now.getTime() + days * DAY_MS);
  const row = await insertApiToken({ userId: user.id, name: t.name?.trim() || `token for ${user.email}`, prefix: token.slice(0, 10), hash: hashToken(token), scopes, expiresAt });
  await recordAuditEvent({ action: "token.create", outcome: "ok", target: `token ${row.id}`, detail: { user: user.email, scopes, expiresAt: expiresAt?.toISOString() ?? null }, ...auditActor(actor) });
  return { id: row.id, token, scopes, expiresAt: expiresAt?.toISOString() ?? null, user: user.email };
}

export async function listTokens(): Promise<ApiTokenRow[]> {
  return listApiTokens();
}

export async function revokeToken(id: number, actor: Actor, now = new Date()): Promise<void> {
  if (!(await revokeApiToken(id, now))) throw new UserError(`There is no active token with id ${id}.`, "not_found");
  await recordAuditEvent({ action: "token.revoke", outcome: "ok", target: `token ${id}`, ...auditActor(actor) });
}
