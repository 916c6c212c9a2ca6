// Rows about customers erased on request are refused by every import (customers, events, order lines,
// campaign events), matched by keyed hashes of their external id and email (lib/auth/pii-hash.ts). The
// refused row is listed with its line and reason but without its cells: writing them to the refused-rows
// file would keep the very data the erasure removed.
import { emailHash, externalIdHash } from "../../auth/pii-hash";
import type { ImportKind } from "../../csv/kinds";
import type { DirectDb } from "../../db/direct";
import { readSuppressionList } from "../../db/suppression-list";
import type { ImportedRow } from "../../db/import-writers";
import type { RejectedRow } from "./rejected-rows";

export const SUPPRESSED_REASON = "this customer was erased on request and is on the suppression list, so their rows are not imported again (the row's cells are left out of this file)";

/** Which field names the customer, per kind. */
const CUSTOMER_FIELD: Partial<Record<ImportKind, string>> = { customers: "externalId", events: "customer", transactions: "customer", "campaign-events": "customer" };

export interface SuppressionFilter {
  split(rows: ImportedRow[]): { kept: ImportedRow[]; refused: RejectedRow[] };
}

/** A filter for this import, or null when nothing is suppressed or the kind names no customer (no cost then). */
export async function loadSuppressionFilter(db: DirectDb, kind: ImportKind): Promise<SuppressionFilter | null> {
  const field = CUSTOMER_FIELD[kind];
  if (!field) return null;
  const list = await readSuppressionList(db);
  if (list.externalIds.size === 0) return null;
  const isSuppressed = (r: ImportedRow): boolean => {
    const id = r.row.fields[field];
    if (id !== null && id !== undefined && list.externalIds.has(externalIdHash(String(id)))) return true;
    const email = r.row.fields.email;
    return typeof email === "string" && email !== "" && list.emails.has(emailHash(email));
  };
  return {
    split(rows) {
      const kept: ImportedRow[] = [];
      const refused: RejectedRow[] = [];
      for (const r of rows) {
        if (isSuppressed(r)) refused.push({ line: r.line, issues: [{ column: null, reason: SUPPRESSED_REASON }], cells: [] });
        else kept.push(r);
      }
      return { kept, refused };
    },
  };
}
