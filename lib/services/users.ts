// Accounts: the first admin (set-up page, CLI), users made by an admin (admin page, CLI), roles changed.
// Every change is written to the audit log. Passwords are checked (lib/auth/password-policy.ts) and hashed
// with better-auth's own scrypt, so its sign-in verifies them.
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { passwordProblem } from "../auth/password-policy";
import { isRole, ROLES, type Role } from "../auth/roles";
import { recordAuditEvent } from "../db/audit";
import { countUsers, deleteUserSessions, findUserById, insertUser, updateUserRole, type UserRow } from "../db/users";
import { UserError } from "../errors";

export const NewUserInput = z.object({
  email: z.email("enter an email address such as ana@example.com").max(254).transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(120, "keep names under 120 characters").default(""),
  password: z.string().max(1000),
  role: z.enum(ROLES, { message: `the role must be one of ${ROLES.join(", ")}` }),
});
export type NewUserInput = z.output<typeof NewUserInput>;

export interface Actor {
  caller: Pick<Caller, "userId" | "label"> | null;
  origin?: { ip: string | null; userAgent: string | null };
  /** "cli", "set-up page", "admin page". */
  via: string;
}

function actorOf(a: Actor) {
  return { actor: a.caller ? { id: a.caller.userId, label: a.caller.label } : null, ip: a.origin?.ip ?? null, userAgent: a.origin?.userAgent ?? null };
}

async function create(input: NewUserInput, actor: Actor, onlyIfNone: boolean): Promise<UserRow> {
  // Before the slow hash, so the set-up action costs nothing once MarketLens is set up (insertUser checks again).
  if (onlyIfNone && (await countUsers()) > 0) throw new UserError("MarketLens is already set up: sign in, or ask an admin for an account.", "conflict");
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw new UserError(problem);
  const user = await insertUser({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) }, { onlyIfNone });
  await recordAuditEvent({ action: "user.create", outcome: "ok", target: `user ${user.email}`, detail: { role: user.role, via: actor.via }, ...actorOf({ ...actor, caller: actor.caller ?? { userId: user.id, label: user.email } }) });
  return user;
}

/** The first admin: only while there are no users at all. */
export async function createFirstAdmin(input: Omit<NewUserInput, "role">, actor: Actor): Promise<UserRow> {
  return create({ ...input, role: "admin" }, actor, true);
}

/** Any user, by an admin (or the CLI, whose caller is whoever can run it on the server). */
export async function createUser(input: NewUserInput, actor: Actor): Promise<UserRow> {
  return create(input, actor, false);
}

export async function setUserRole(userId: string, role: Role, actor: Actor): Promise<UserRow> {
  if (!isRole(role)) throw new UserError(`The role must be one of ${ROLES.join(", ")}.`);
  const before = await findUserById(userId);
  if (!before) throw new UserError("There is no such user.", "not_found");
  const after = await updateUserRole(userId, role);
  if (!after) throw new UserError("There is no such user.", "not_found");
  // Sessions read the role on every request, so the change holds at once; ending them makes it plain.
  if (before.role !== role) await deleteUserSessions(userId);
  await recordAuditEvent({ action: "user.role", outcome: "ok", target: `user ${after.email}`, detail: { from: before.role, to: role, via: actor.via }, ...actorOf(actor) });
  return after;
}
