// A saved rule segment's members as CSV, streamed in pages so 100,000 members never sit in memory.
// Text cells are formula-neutralised (lib/csv/csv-export.ts). Email and name columns only for roles that may
// read personal data; every export is written to the audit log.
import { emailSha256 } from "@/lib/analytics/targeting";
import { requestOrigin } from "@/lib/auth/auth";
import { can } from "@/lib/auth/roles";
import { recordAuditEvent } from "@/lib/db/audit";
import { getSegment } from "@/lib/db/segments";
import { exportRuleMembers } from "@/lib/db/segment-rules";
import { API } from "@/lib/http/api-catalogue";
import { csvDownload } from "@/lib/http/download";
import { UserError } from "@/lib/errors";
import { notFound, parseId, route } from "@/lib/http/route";

const HEADER = ["customer_id", "email", "name", "country", "orders", "revenue", "last_purchase_at"];
const HEADER_WITHOUT_PII = HEADER.filter((h) => h !== "email" && h !== "name");
// For ad platforms' customer-match uploads: SHA-256 of the trimmed, lower-cased address, as Google, Meta and
// LinkedIn expect, in place of the address and the name.
const HEADER_HASHED = ["customer_id", "email_sha256", "country", "orders", "revenue", "last_purchase_at"];


const WHAT = "saved rule segment";

export const GET = route<{ id: string }>("segment export", API.segmentExport.access, async (request, params, caller) => {
  const segment = await getSegment(parseId(params.id, WHAT));
  if (!segment?.rule) throw notFound(WHAT);
  const hashed = new URL(request.url).searchParams.get("emails") === "sha256";
  // A SHA-256 of an address is still personal data (it can be matched against a list of addresses).
  if (hashed && !can(caller.role, "pii:read")) throw new UserError(`Your role (${caller.role}) may not export email addresses, hashed or not. Ask an analyst or admin.`, "unauthorised");
  const withPii = can(caller.role, "pii:read") && !hashed;
  await recordAuditEvent({ action: "export", outcome: "ok", actor: { id: caller.userId, label: caller.label }, target: `segment ${segment.id}`, detail: { what: "segment members", personalData: hashed ? "sha256 of emails" : withPii, via: caller.via }, ...requestOrigin(request) });
  const header = hashed ? HEADER_HASHED : withPii ? HEADER : HEADER_WITHOUT_PII;
  const file = `${segment.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "segment"}.csv`;
  return csvDownload(file, header, exportRuleMembers(segment.rule), (r) => [r.externalId, ...(hashed ? [emailSha256(r.email)] : withPii ? [r.email, r.name] : []), r.country, r.orders, r.revenue, r.lastPurchaseAt?.toISOString().slice(0, 10) ?? null]);
});
