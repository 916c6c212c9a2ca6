// People who sign in: the User and Account rows better-auth reads (lib/auth/auth.ts). Accounts are created
// here, by lib/services/users.ts only, with the password already hashed.
import { randomUUID } from "node:crypto";
import { configuredProvider } from "../env";
import { UserError } from "../errors";
import { isRole, type Role } from "../auth/roles";
import { type Db, getDb } from "./client";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

const SELECT = { id: true, email: true, name: true, role: true, createdAt: true } as const;

function toUser(r: { id: string; email: string; name: string; role: string; createdAt: Date }): UserRow {
  // A role this version does not know (a hand edit) grants the least, never more.
  return { ...r, role: isRole(r.role) ? r.role : "viewer" };
}

export async function countUsers(): Promise<number> {
  return getDb().user.count();
}

export async function findUserByEmail(email: string): Promise<UserRow | null> {
  const r = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: SELECT });
  return r ? toUser(r) : null;
}

export async function findUserById(id: string): Promise<UserRow | null> {
  const r = await getDb().user.findUnique({ where: { id }, select: SELECT });
  return r ? toUser(r) : null;
}

export async function listUsers(): Promise<UserRow[]> {
  return (await getDb().user.findMany({ select: SELECT, orderBy: { createdAt: "asc" } })).map(toUser);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

/** Any key for PostgreSQL's advisory lock, as long as nothing else uses it. */
const USERS_LOCK = 7_304_115;

/**
 * Makes a check-then-write on users (the last admin, the first set-up) run one at a time. SQLite's single
 * writer does so already; PostgreSQL's read-committed transactions would both pass the check, so each takes
 * a transaction-scoped advisory lock first.
 */
async function oneChangeOfUsersAtATime(tx: Pick<Db, "$executeRaw">): Promise<void> {
  if (configuredProvider() === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK})`;
}

/**
 * Creates a user with a password (a better-auth "credential" account). With `onlyIfNone`, only while there
 * are no users at all, checked in the same transaction, so two set-up pages racing make one admin.
 */
export async function insertUser(u: NewUser, opts: { onlyIfNone?: boolean } = {}): Promise<UserRow> {
  const email = u.email.trim().toLowerCase();
  return getDb().$transaction(async (tx) => {
    await oneChangeOfUsersAtATime(tx);
    if (opts.onlyIfNone && (await tx.user.count()) > 0) throw new UserError("MarketLens is already set up: sign in, or ask an admin for an account.", "conflict");
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new UserError(`There is already a user with the email ${email}.`, "conflict");
    const id = randomUUID();
    const row = await tx.user.create({ data: { id, email, name: u.name.trim() || email, role: u.role, emailVerified: false }, select: SELECT });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: u.passwordHash } });
    return toUser(row);
  });
}

/**
 * Changes a role. Taking the admin role from someone is refused when no other admin would remain, checked
 * in the same transaction, so two admins demoting each other at once cannot leave none.
 */
export async function updateUserRole(id: string, role: Role): Promise<UserRow | null> {
  return getDb().$transaction(async (tx) => {
    await oneChangeOfUsersAtATime(tx);
    const before = await tx.user.findUnique({ where: { id }, select: { role: true } });
    if (!before) return null;
    if (before.role === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin", id: { not: id } } })) === 0) {
      throw new UserError("This is the only admin: make another user an admin first, so someone can still manage MarketLens.", "conflict");
    }
    await tx.user.update({ where: { id }, data: { role } });
    return toUser(await tx.user.findUniqueOrThrow({ where: { id }, select: SELECT }));
  });
}

/** Ends every session of a user (a role change takes effect at their next request either way). */
export async function deleteUserSessions(userId: string): Promise<number> {
  return (await getDb().session.deleteMany({ where: { userId } })).count;
}
