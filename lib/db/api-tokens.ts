// API tokens: only their SHA-256 is stored (lib/services/api-tokens.ts makes and checks them).
import { isRole, type Role } from "../auth/roles";
import { getDb } from "./client";

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  user: { id: string; email: string; role: Role };
}

const SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  user: { select: { id: true, email: true, role: true } },
} as const;

type Selected = { scopes: string; user: { id: string; email: string; role: string } } & Omit<ApiTokenRow, "scopes" | "user">;

function toRow(r: Selected): ApiTokenRow {
  return { ...r, scopes: r.scopes ? r.scopes.split(",") : [], user: { ...r.user, role: isRole(r.user.role) ? r.user.role : "viewer" } };
}

export async function insertApiToken(t: { userId: string; name: string; prefix: string; hash: string; scopes: readonly string[]; expiresAt: Date | null }): Promise<ApiTokenRow> {
  return toRow(await getDb().apiToken.create({ data: { ...t, scopes: t.scopes.join(",") }, select: SELECT }));
}

export async function findApiTokenByHash(hash: string): Promise<ApiTokenRow | null> {
  const r = await getDb().apiToken.findUnique({ where: { hash }, select: SELECT });
  return r ? toRow(r) : null;
}

/** Marks a token used; at most once a minute, so a busy integration does not write on every call. */
export async function touchApiToken(id: number, now: Date): Promise<void> {
  await getDb().apiToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] }, data: { lastUsedAt: now } });
}

export async function listApiTokens(): Promise<ApiTokenRow[]> {
  return (await getDb().apiToken.findMany({ select: SELECT, orderBy: { id: "desc" } })).map(toRow);
}

/** Revokes a token; false when there is no such token or it was revoked already. */
export async function revokeApiToken(id: number, now: Date): Promise<boolean> {
  return (await getDb().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })).count > 0;
}
