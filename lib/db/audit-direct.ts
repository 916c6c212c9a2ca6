// An audit entry written on the direct connection, for the importing CLI process, which keeps Prisma's
// client out of memory (client.ts). Same table and fields as lib/db/audit.ts.
import type { AuditInput } from "./audit";
import { directDb } from "./direct";

export async function recordAuditEventDirect(e: AuditInput): Promise<void> {
  await directDb().run(`INSERT INTO "AuditEvent" ("at","actorId","actorLabel","action","outcome","target","detail","ip","userAgent") VALUES (?,?,?,?,?,?,?,?,?)`, [
    new Date(),
    e.actor?.id ?? null,
    e.actor?.label ?? null,
    e.action,
    e.outcome,
    e.target ?? null,
    e.detail ? JSON.stringify(e.detail) : null,
    e.ip ?? null,
    e.userAgent ?? null,
  ]);
}
