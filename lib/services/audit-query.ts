// The audit log's filters, from a URL's query: the admin page and its CSV export read them the same way.
import { z } from "zod";
import type { AuditFilter, AuditRow } from "../db/audit";
import { DAY_MS, DayText, parseDay } from "../days";

const blankAsUndefined = (v: unknown) => (v === "" ? undefined : v);

export const AuditQuery = z.object({
  action: z.preprocess(blankAsUndefined, z.string().max(60).optional()),
  outcome: z.preprocess(blankAsUndefined, z.enum(["ok", "denied", "failed"]).optional()),
  actor: z.preprocess(blankAsUndefined, z.string().max(254).optional()),
  from: z.preprocess(blankAsUndefined, DayText.optional()),
  to: z.preprocess(blankAsUndefined, DayText.optional()),
  page: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).default(1)),
});
export type AuditQuery = z.output<typeof AuditQuery>;

/** `to` is inclusive: the whole of that day. */
export function auditFilter(q: AuditQuery): AuditFilter {
  return {
    action: q.action,
    outcome: q.outcome,
    actor: q.actor,
    from: q.from ? new Date(parseDay(q.from)!) : undefined,
    to: q.to ? new Date(parseDay(q.to)! + DAY_MS) : undefined,
  };
}

/** The audit log as CSV, for the admin page's export and `cli audit --csv`. */
export const AUDIT_CSV_HEADER = ["id", "at", "actor", "action", "outcome", "target", "detail", "ip", "user_agent"];

export function auditCsvCells(e: AuditRow): (string | number | null)[] {
  return [e.id, e.at.toISOString(), e.actorLabel, e.action, e.outcome, e.target, e.detail === null ? null : JSON.stringify(e.detail), e.ip, e.userAgent];
}
