// The suppression list of erased customers (lib/services/gdpr.ts writes it), read on an import's direct
// connection: an import never opens Prisma's client (client.ts).
import type { DirectDb } from "./direct";

/** Every keyed hash on the list (a few bytes per erased customer). */
export async function readSuppressionList(db: DirectDb): Promise<{ externalIds: Set<string>; emails: Set<string> }> {
  const rows = await db.rows<[string, string | null]>(`SELECT "externalIdHash", "emailHash" FROM "SuppressedCustomer"`);
  return { externalIds: new Set(rows.map((r) => r[0])), emails: new Set(rows.flatMap((r) => (r[1] ? [r[1]] : []))) };
}
