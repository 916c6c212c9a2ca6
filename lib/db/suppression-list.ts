// The suppression list of erased customers (lib/services/gdpr.ts writes it), read on an import's own
// direct connection: an import never opens Prisma's client (client.ts).
import type Database from "better-sqlite3";
import { prepared } from "./bulk-insert";

/** Every keyed hash on the list (a few bytes per erased customer). */
export function readSuppressionList(db: Database.Database): { externalIds: Set<string>; emails: Set<string> } {
  const rows = prepared(db, `SELECT "externalIdHash", "emailHash" FROM "SuppressedCustomer"`).all() as { externalIdHash: string; emailHash: string | null }[];
  return { externalIds: new Set(rows.map((r) => r.externalIdHash)), emails: new Set(rows.flatMap((r) => (r.emailHash ? [r.emailHash] : []))) };
}
