// GET /api/targeting/export?<the targeting page's query>[&emails=sha256]: the audience the targeting page
// shows, best first, with each customer's P(click), P(conversion | click), expected value per impression and
// rank, as CSV. Email and name only for roles that may read personal data; emails=sha256 gives the ad
// platforms' match key (SHA-256 of the trimmed, lower-cased address) instead, to those roles only. Every
// export is written to the audit log. A session, or a token with segments:read.
import { requestOrigin } from "@/lib/auth/auth";
import { can } from "@/lib/auth/roles";
import { recordAuditEvent } from "@/lib/db/audit";
import { UserError } from "@/lib/errors";
import { API } from "@/lib/http/api-catalogue";
import { csvDownload } from "@/lib/http/download";
import { parseQuery, route } from "@/lib/http/route";
import { exportTargetingAudience, type AudienceEmails, type TargetingExportRow } from "@/lib/services/scoring/targeting";

// The columns ad platforms' upload tools map by name: the customer, the match key (or the address), the scores and the rank.
const SCORES = ["p_click", "p_convert", "ev_per_impression", "rank"];
const HEADER: Record<AudienceEmails, readonly string[]> = {
  none: ["customer_id", ...SCORES],
  plain: ["customer_id", "email", "name", ...SCORES],
  sha256: ["customer_id", "email_sha256", ...SCORES],
};
const PERSONAL: Record<AudienceEmails, string | boolean> = { none: false, plain: true, sha256: "sha256 of emails" };

function cells(emails: AudienceEmails, r: TargetingExportRow): (string | number | null)[] {
  const who = emails === "sha256" ? [r.emailSha256] : emails === "plain" ? [r.email, r.name] : [];
  return [r.customerId, ...who, r.pClick, r.pConvert, r.evPerImpression, r.rank];
}

async function* pages<T>(rows: readonly T[], size = 5_000): AsyncGenerator<readonly T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export const GET = route("targeting export", API.targetingExport.access, async (request, _params, caller) => {
  const { emails: asked, ...targeting } = parseQuery(request, API.targetingExport.query);
  const mayReadPii = can(caller.role, "pii:read");
  // A SHA-256 of an address is still personal data (it can be matched against a list of addresses).
  if (asked === "sha256" && !mayReadPii) throw new UserError(`Your role (${caller.role}) may not export email addresses, hashed or not. Ask an analyst or admin.`, "unauthorised");
  const emails: AudienceEmails = asked === "sha256" ? "sha256" : mayReadPii ? "plain" : "none";
  const exported = await exportTargetingAudience(targeting, emails);
  if (!exported) throw new UserError("No click model is trained yet: train one on the scoring page first.", "conflict");
  await recordAuditEvent({
    action: "export",
    outcome: "ok",
    actor: { id: caller.userId, label: caller.label },
    target: `scoring run ${exported.runId}`,
    detail: { what: "targeting audience", customers: exported.rows.length, chosenBy: targeting.by, personalData: PERSONAL[emails], via: caller.via },
    ...requestOrigin(request),
  });
  const file = `audience-run-${exported.runId}-${exported.model}${emails === "sha256" ? "-sha256" : ""}.csv`;
  return csvDownload(file, HEADER[emails], pages(exported.rows), (r) => cells(emails, r));
});
