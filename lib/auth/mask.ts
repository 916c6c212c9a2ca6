// How personal data looks to someone whose role may not read it (lib/auth/roles.ts, "pii:read"): an
// email keeps its first letter and its domain (j•••@example.com), a name becomes initials (J. S.). Pure, so
// pages, exports, the API and client components mask the same way.
import { can, type Role } from "./roles";

export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

export function maskName(name: string | null): string | null {
  if (!name) return name;
  const initials = name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]!.toUpperCase()}.`);
  return initials.join(" ") || null;
}

export interface PiiView {
  /** True when the viewer sees emails and names in clear. */
  clear: boolean;
  email: (v: string | null) => string | null;
  name: (v: string | null) => string | null;
}

const CLEAR: PiiView = { clear: true, email: (v) => v, name: (v) => v };
const MASKED: PiiView = { clear: false, email: maskEmail, name: maskName };

export function piiView(role: Role): PiiView {
  return can(role, "pii:read") ? CLEAR : MASKED;
}

/** A customer-shaped row with its email and name as `view` shows them. */
export function maskRow<T extends { email?: string | null; name?: string | null }>(row: T, view: PiiView): T {
  if (view.clear) return row;
  return { ...row, ...("email" in row ? { email: view.email(row.email ?? null) } : {}), ...("name" in row ? { name: view.name(row.name ?? null) } : {}) };
}
