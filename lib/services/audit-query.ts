// The audit log's filters, from a URL's query: the admin page and its CSV export read them the same way.
import { z } from "zod";
import type { AuditFilter, AuditRow } from "../db/audit";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "is not a real day");
const blankAsUndefined = (v: unknown) => (v === "" ? undefined : v);

export const AuditQuery = z.object({
  action: z.preprocess(blankAsUndefined, z.string().max(60).optional()),
  outcome: z.preprocess(blankAsUndefined, z.enum(["ok", "denied", "failed"]).optional()),
  actor: z.preprocess(blankAsUndefined, z.string().max(254).optional()),
  from: z.preprocess(blankAsUndefined, Day.optional()),
  to: z.preprocess(blankAsUndefined, Day.optional()),
  page: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).default(1)),
});
export type AuditQuery = z.output<typeof AuditQuery>;

/** `to` is inclusive: the whole of that day. */
export function auditFilter(q: AuditQuery): AuditFilter {
  return {
    action: q.action,
    outcome: q.outcome,
    actor: q.actor,
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

/** The audit log as CSV, for the admin page's export and `cli audit --csv`. */
export const AUDIT_CSV_HEADER = ["id", "at", "actor", "action", "outcome", "target", "detail", "ip", "user_agent"];

export function auditCsvCells(e: AuditRow): (string | number | null)[] {
  return [e.id, e.at.toISOString(), e.actorLabel, e.action, e.outcome, e.target, e.detail === null ? null : JSON.stringify(e.detail), e.ip, e.userAgent];
}
