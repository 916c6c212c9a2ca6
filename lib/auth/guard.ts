// The one check of who may do what, for every entry point: server actions (lib/action.ts), route handlers
// and the REST API (lib/http/route.ts), pages (requirePage) and the CLI's user-facing services. A person
// is let through by their role (lib/auth/roles.ts); an API token by its scope *and* its user's role.
import { recordAuditEvent } from "../db/audit";
import { UserError } from "../errors";
import type { Caller } from "./caller";
import { can, type Permission, type Scope } from "./roles";

export interface Access {
  permission: Permission;
  /** The scope an API token needs to call this ("any": every token); without one, only a signed-in person may. */
  scope?: Scope | "any";
}

const DOES: Record<Permission, string> = {
  "dashboards:read": "read the dashboards",
  "pii:read": "see customers' personal data",
  "segments:write": "change segments",
  "exports:read": "export data",
  "imports:write": "import data",
  "models:train": "start or cancel jobs",
  admin: "manage users, tokens, erasure and the audit log",
};

/** Why `caller` may not have `access`, or null when they may. */
export function refusal(caller: Caller | null, access: Access): UserError | null {
  if (!caller) return new UserError("Sign in to MarketLens first, or send an API token.", "unauthenticated");
  if (caller.via === "token") {
    if (!access.scope) return new UserError("This cannot be done with an API token: sign in to MarketLens instead.", "unauthorised");
    if (access.scope !== "any" && !caller.scopes?.includes(access.scope)) return new UserError(`This API token does not have the scope "${access.scope}".`, "unauthorised");
  }
  if (!can(caller.role, access.permission)) return new UserError(`Your role (${caller.role}) may not ${DOES[access.permission]}. Ask an admin if you need to.`, "unauthorised");
  return null;
}

/**
 * The caller when they have `access`, else throws the refusal (401 or 403 at the edges). A refusal of a
 * signed-in caller is written to the audit log under `what`.
 */
export async function authoriseCaller(caller: Caller | null, access: Access, what: string, origin?: { ip: string | null; userAgent: string | null }): Promise<Caller> {
  const refused = refusal(caller, access);
  if (!refused) return caller!;
  if (caller) await recordAuditEvent({ action: what, outcome: "denied", actor: { id: caller.userId, label: caller.label }, detail: { reason: refused.message, via: caller.via }, ...origin });
  throw refused;
}
