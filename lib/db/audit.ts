// The audit log: appended to, never updated or deleted by the app (lib/db has no function that would).
// It names customers by database id and never holds their personal data.
import type { Prisma } from "./generated/client";
import { getDb } from "./client";
import type { Page } from "./pagination";

export type AuditOutcome = "ok" | "denied" | "failed";

export interface AuditInput {
  action: string;
  outcome: AuditOutcome;
  actor: { id: string; label: string } | null;
  target?: string | null;
  detail?: Record<string, string | number | boolean | null | string[]>;
  ip?: string | null;
  userAgent?: string | null;
}

export async function recordAuditEvent(e: AuditInput): Promise<void> {
  await getDb().auditEvent.create({
    data: {
      action: e.action,
      outcome: e.outcome,
      actorId: e.actor?.id ?? null,
      actorLabel: e.actor?.label ?? null,
      target: e.target ?? null,
      detail: e.detail ?? undefined,
      ip: e.ip ?? null,
      userAgent: e.userAgent ?? null,
    },
  });
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  outcome: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditFilter {
  action?: string;
  outcome?: string;
  actor?: string;
  from?: Date;
  to?: Date;
}

function where(f: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.actor ? { actorLabel: { contains: f.actor } } : {}),
    ...(f.from || f.to ? { at: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

export async function listAuditEvents(f: AuditFilter, page: { page: number; pageSize: number }): Promise<Page<AuditRow>> {
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where: where(f), orderBy: { id: "desc" }, skip: (page.page - 1) * page.pageSize, take: page.pageSize }),
    db.auditEvent.count({ where: where(f) }),
  ]);
  return { rows, total, page: page.page, pageSize: page.pageSize };
}

/** Every matching event, newest first, a page at a time (for the CSV export). */
export async function* iterateAuditEvents(f: AuditFilter, pageSize = 2000): AsyncGenerator<AuditRow[]> {
  let before: number | undefined;
  for (;;) {
    const rows = await getDb().auditEvent.findMany({ where: { ...where(f), ...(before ? { id: { lt: before } } : {}) }, orderBy: { id: "desc" }, take: pageSize });
    if (!rows.length) return;
    yield rows;
    before = rows[rows.length - 1]!.id;
  }
}

export async function listAuditActions(): Promise<string[]> {
  return (await getDb().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } })).map((r) => r.action);
}

/** Failed sign-ins of one user since `since`: the per-account limit of lib/auth/auth.ts counts these. */
export async function countFailedSignIns(userId: string, since: Date): Promise<number> {
  return getDb().auditEvent.count({ where: { action: "sign-in", outcome: "failed", actorId: userId, at: { gte: since } } });
}

