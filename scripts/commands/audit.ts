import { parseArgs } from "node:util";
import { toCsvLine } from "../../lib/csv/csv-export";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { type Command, UsageError } from "../cli-support";

export const auditCommand: Command = {
  name: "audit",
  summary: "the audit log, newest first, filtered as on Admin → Audit log; --csv for the whole matching log as CSV",
  usage: "audit [--action A] [--outcome ok|denied|failed] [--actor TEXT] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--csv] [--json]",
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { action: { type: "string" }, outcome: { type: "string" }, actor: { type: "string" }, from: { type: "string" }, to: { type: "string" }, limit: { type: "string", default: "50" }, csv: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
      strict: true,
    });
    const [{ AUDIT_CSV_HEADER, AuditQuery, auditCsvCells, auditFilter }, { iterateAuditEvents, listAuditEvents }] = await Promise.all([import("../../lib/services/audit-query"), import("../../lib/db/audit")]);
    const parsed = AuditQuery.safeParse({ action: values.action, outcome: values.outcome, actor: values.actor, from: values.from, to: values.to });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; "));
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`--limit must be a whole number from 1 to 10000, got "${values.limit}"`);
    await prepareDatabase({ seedIfEmpty: false });
    const filter = auditFilter(parsed.data);
    if (values.csv) {
      const lines = [toCsvLine(AUDIT_CSV_HEADER)];
      for await (const page of iterateAuditEvents(filter)) for (const e of page) lines.push(toCsvLine(auditCsvCells(e)));
      ctx.log(`audit: ${lines.length - 1} entries`);
      return { json: { csv: lines.join("\n") }, text: lines.join("\n") };
    }
    const page = await listAuditEvents(filter, { page: 1, pageSize: limit });
    const text = page.rows.length
      ? page.rows.map((e) => `${e.id}  ${e.at.toISOString()}  ${e.actorLabel ?? "unknown"}  ${e.action}  ${e.outcome}${e.target ? `  ${e.target}` : ""}${e.detail ? `  ${JSON.stringify(e.detail)}` : ""}`).join("\n") + (page.total > page.rows.length ? `\n… ${page.total - page.rows.length} older entries (--limit, or --csv for all)` : "")
      : "No audit entries match.";
    return { json: { total: page.total, entries: page.rows }, text };
  },
};
