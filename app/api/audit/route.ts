// GET /api/audit?action=&outcome=&actor=&from=&to=: the audit log as CSV, newest first, streamed a page at
// a time. Admins only; the export itself is recorded.
import { requestOrigin } from "@/lib/auth/auth";
import { iterateAuditEvents, recordAuditEvent } from "@/lib/db/audit";
import { API } from "@/lib/http/api-catalogue";
import { csvDownload } from "@/lib/http/download";
import { parseQuery, route } from "@/lib/http/route";
import { AUDIT_CSV_HEADER, auditCsvCells, auditFilter } from "@/lib/services/audit-query";

export const GET = route("audit export", API.auditExport.access, async (request, _params, caller) => {
  const q = parseQuery(request, API.auditExport.query);
  await recordAuditEvent({ action: "export", outcome: "ok", actor: { id: caller.userId, label: caller.label }, target: "audit log", detail: { what: "audit log" }, ...requestOrigin(request) });
  return csvDownload("marketlens-audit-log.csv", AUDIT_CSV_HEADER, iterateAuditEvents(auditFilter(q)), auditCsvCells);
});
