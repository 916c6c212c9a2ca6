// With MARKETLENS_ENCRYPT_PII=1, rows written before it was turned on are encrypted at the next start, in
// batches on the direct connection, so the database holds no address in clear afterwards (with SQLite's
// secure_delete, the old cells are zeroed).
import { isEncrypted, sealPii, sealText } from "../auth/pii-crypto";
import { configuredProvider } from "../env";
import { type DirectDb, directDb } from "./direct";

const BATCH = 5_000;

export async function sealExistingPii(db: DirectDb = directDb()): Promise<{ customers: number; refusedRows: number }> {
  let customers = 0;
  const pick = `SELECT "id","email","emailIndex","name","nameIndex" FROM "Customer" WHERE "id" > ? AND (("email" IS NOT NULL AND "email" NOT LIKE 'enc1:%' AND "email" NOT LIKE 'hmac-sha256:%') OR ("name" IS NOT NULL AND "name" NOT LIKE 'enc1:%')) ORDER BY "id" LIMIT ${BATCH}`;
  const update = `UPDATE "Customer" SET "email"=?,"emailIndex"=?,"name"=?,"nameIndex"=? WHERE "id"=?`;
  for (let after = 0; ; ) {
    const rows = await db.rows<[number, string | null, string | null, string | null, string | null]>(pick, [after]);
    if (!rows.length) break;
    await db.transaction(async (tx) => {
      for (const [id, storedEmail, emailIndex, storedName, nameIndex] of rows) {
        // A column already encrypted keeps its value and its index.
        const email = isEncrypted(storedEmail) ? { stored: storedEmail, index: emailIndex } : sealPii("email", storedEmail);
        const name = isEncrypted(storedName) ? { stored: storedName, index: nameIndex } : sealPii("name", storedName);
        await tx.run(update, [email.stored, email.index, name.stored, name.index, id]);
      }
    });
    customers += rows.length;
    after = rows[rows.length - 1]![0];
  }
  let refusedRows = 0;
  const pickErrors = `SELECT "id","reason","raw" FROM "ImportRowError" WHERE "id" > ? AND ("reason" NOT LIKE 'enc1:%' OR ("raw" IS NOT NULL AND "raw" NOT LIKE 'enc1:%')) ORDER BY "id" LIMIT ${BATCH}`;
  const updateError = `UPDATE "ImportRowError" SET "reason"=?,"raw"=? WHERE "id"=?`;
  for (let after = 0; ; ) {
    const rows = await db.rows<[number, string, string | null]>(pickErrors, [after]);
    if (!rows.length) break;
    await db.transaction(async (tx) => {
      for (const [id, reason, raw] of rows) await tx.run(updateError, [isEncrypted(reason) ? reason : sealText(reason), raw === null || isEncrypted(raw) ? raw : sealText(raw), id]);
    });
    refusedRows += rows.length;
    after = rows[rows.length - 1]![0];
  }
  // SQLite: the write-ahead log would still hold the clear pages until its next checkpoint.
  if ((customers || refusedRows) && configuredProvider() === "sqlite") await db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return { customers, refusedRows };
}
