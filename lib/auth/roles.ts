// Who may do what: the one role matrix. Pages, server actions, route handlers, the REST API and the CLI
// ask `can(role, permission)` (through lib/auth/guard.ts); nothing else decides access. No imports, so
// client components may show or hide controls by the same table (the server still checks every call).
export const ROLES = ["admin", "analyst", "marketer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_SUMMARY: Record<Role, string> = {
  admin: "everything, including users, roles, API tokens, erasure and the audit log",
  analyst: "import, train, segment and export, and see personal data",
  marketer: "read everything, build segments and audiences, export without personal data",
  viewer: "read the dashboards, with emails and names masked",
};

export const PERMISSIONS = [
  /** Every dashboard page, with personal data masked unless `pii:read`. */
  "dashboards:read",
  /** Emails and names in clear on pages, in exports and through the API. */
  "pii:read",
  /** Save, rename and delete segments and clusters' names. */
  "segments:write",
  /** Download segment members and audiences as CSV (personal columns only with `pii:read`). */
  "exports:read",
  /** Upload files, start imports, read refused rows (they hold the file's own cells). */
  "imports:write",
  /** Start clustering, training, evaluation and attribution jobs, and cancel jobs. */
  "models:train",
  /** Users, roles, API tokens, the audit log, GDPR export and erasure. */
  "admin",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ["dashboards:read", "pii:read", "segments:write", "exports:read", "imports:write", "models:train"],
  marketer: ["dashboards:read", "segments:write", "exports:read"],
  viewer: ["dashboards:read"],
};

export function isRole(s: unknown): s is Role {
  return typeof s === "string" && (ROLES as readonly string[]).includes(s);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** What an API token may be limited to; each REST route names one (lib/http/route.ts). */
export const SCOPES = ["recommendations:read", "segments:read", "scores:read", "imports:write"] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_SUMMARY: Record<Scope, string> = {
  "recommendations:read": "read recommendations for a customer",
  "segments:read": "count rule segments and export their members",
  "scores:read": "read customers' response scores",
  "imports:write": "upload files and start imports",
};

export function isScope(s: unknown): s is Scope {
  return typeof s === "string" && (SCOPES as readonly string[]).includes(s);
}
