// With MARKETLENS_ENCRYPT_PII=1, rows written before it was turned on are encrypted at the next start, in
// batches on the direct connection, so the file holds no address in clear afterwards (with secure_delete,
// the old cells are zeroed).
import type Database from "better-sqlite3";
import { isEncrypted, sealPii, sealText } from "../auth/pii-crypto";
import { bulkConnection, prepared } from "./bulk-insert";

const BATCH = 5_000;

export function sealExistingPii(db: Database.Database = bulkConnection()): { customers: number; refusedRows: number } {
  let customers = 0;
  const pick = prepared(db, `SELECT "id","email","emailIndex","name","nameIndex" FROM "Customer" WHERE "id" > ? AND (("email" IS NOT NULL AND "email" NOT LIKE 'enc1:%' AND "email" NOT LIKE 'hmac-sha256:%') OR ("name" IS NOT NULL AND "name" NOT LIKE 'enc1:%')) ORDER BY "id" LIMIT ${BATCH}`);
  const update = prepared(db, `UPDATE "Customer" SET "email"=?,"emailIndex"=?,"name"=?,"nameIndex"=? WHERE "id"=?`);
  for (let after = 0; ; ) {
    const rows = pick.all(after) as { id: number; email: string | null; emailIndex: string | null; name: string | null; nameIndex: string | null }[];
    if (!rows.length) break;
    db.transaction(() => {
      for (const r of rows) {
        // A column already encrypted keeps its value and its index.
        const email = isEncrypted(r.email) ? { stored: r.email, index: r.emailIndex } : sealPii("email", r.email);
        const name = isEncrypted(r.name) ? { stored: r.name, index: r.nameIndex } : sealPii("name", r.name);
        update.run(email.stored, email.index, name.stored, name.index, r.id);
      }
    })();
    customers += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  let refusedRows = 0;
  const pickErrors = prepared(db, `SELECT "id","reason","raw" FROM "ImportRowError" WHERE "id" > ? AND ("reason" NOT LIKE 'enc1:%' OR ("raw" IS NOT NULL AND "raw" NOT LIKE 'enc1:%')) ORDER BY "id" LIMIT ${BATCH}`);
  const updateError = prepared(db, `UPDATE "ImportRowError" SET "reason"=?,"raw"=? WHERE "id"=?`);
  for (let after = 0; ; ) {
    const rows = pickErrors.all(after) as { id: number; reason: string; raw: string | null }[];
    if (!rows.length) break;
    db.transaction(() => {
      for (const r of rows) updateError.run(isEncrypted(r.reason) ? r.reason : sealText(r.reason), r.raw === null || isEncrypted(r.raw) ? r.raw : sealText(r.raw), r.id);
    })();
    refusedRows += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  if (customers || refusedRows) db.pragma("wal_checkpoint(TRUNCATE)");
  return { customers, refusedRows };
}
