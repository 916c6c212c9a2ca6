// GET /api/audit?action=&outcome=&actor=&from=&to=: the audit log as CSV, newest first, streamed a page at
// a time. Admins only; the export itself is recorded.
import { requestOrigin } from "@/lib/auth/auth";
import { toCsvLine } from "@/lib/csv/csv-export";
import { iterateAuditEvents, recordAuditEvent } from "@/lib/db/audit";
import { API } from "@/lib/http/api-catalogue";
import { attachment } from "@/lib/http/download";
import { parseQuery, route } from "@/lib/http/route";
import { auditFilter } from "@/lib/services/audit-query";

const HEADER = ["id", "at", "actor", "action", "outcome", "target", "detail", "ip", "user_agent"];

export const GET = route("audit export", API.auditExport.access, async (request, _params, caller) => {
  const q = parseQuery(request, API.auditExport.query);
  await recordAuditEvent({ action: "export", outcome: "ok", actor: { id: caller.userId, label: caller.label }, target: "audit log", detail: { what: "audit log" }, ...requestOrigin(request) });
  const pages = iterateAuditEvents(auditFilter(q));
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(encoder.encode(toCsvLine(HEADER) + "\n"));
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((e) => toCsvLine([e.id, e.at.toISOString(), e.actorLabel, e.action, e.outcome, e.target, e.detail === null ? null : JSON.stringify(e.detail), e.ip, e.userAgent]) + "\n").join("")));
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment("marketlens-audit-log.csv"), "Cache-Control": "no-store" } });
});
