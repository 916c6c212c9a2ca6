// GDPR tooling for admins: everything stored about one customer as JSON (access and portability), and
// erasure with a suppression list so the next import does not bring them back. Both are audited by
// customer id only.
import { emailHash, externalIdHash } from "../auth/pii-hash";
import { recordAuditEvent } from "../db/audit";
import { eraseCustomerRows, findCustomerRef, loadCustomerData, PER_CUSTOMER_JOB_KINDS, type CustomerLookup, type ErasureCounts } from "../db/customer-erasure";
import { getLatestJobResult, insertJob } from "../db/jobs";
import { UserError } from "../errors";
import type { Actor } from "./users";

export const MODELS_DROPPED_NOTE = "Removed when a customer was erased: it held a row for them. A new run was queued.";

function auditFields(a: Actor) {
  return { actor: a.caller ? { id: a.caller.userId, label: a.caller.label } : null, ip: a.origin?.ip ?? null, userAgent: a.origin?.userAgent ?? null };
}

async function find(by: CustomerLookup) {
  const c = await findCustomerRef(by);
  if (!c) throw new UserError("There is no customer with this id, external id or email.", "not_found");
  return c;
}

export async function exportCustomerData(by: CustomerLookup, actor: Actor) {
  const c = await find(by);
  const data = await loadCustomerData(c.id);
  await recordAuditEvent({ action: "customer.export", outcome: "ok", target: `customer ${c.id}`, detail: { events: data.events.length, campaignEvents: data.campaignEvents.length, via: actor.via }, ...auditFields(actor) });
  return { exportedAt: new Date().toISOString(), format: "marketlens-customer-export/1", ...data };
}

export interface ErasureReport extends ErasureCounts {
  customerId: number;
  retrainingJobs: number[];
}

export async function eraseCustomer(by: CustomerLookup, actor: Actor): Promise<ErasureReport> {
  const c = await find(by);
  // The settings of the models about to be dropped, to train them again without this customer.
  const latest = (await Promise.all(PER_CUSTOMER_JOB_KINDS.map((k) => getLatestJobResult(k)))).filter((r) => r !== null);
  const counts = await eraseCustomerRows(c, { externalIdHash: externalIdHash(c.externalId), emailHash: c.email ? emailHash(c.email) : null }, MODELS_DROPPED_NOTE);
  const retrainingJobs = await Promise.all(latest.map((r) => insertJob(r.kind, r.parameters as object)));
  await recordAuditEvent({ action: "customer.erase", outcome: "ok", target: `customer ${c.id}`, detail: { ...counts, retrainingJobs: retrainingJobs.map(String), via: actor.via }, ...auditFields(actor) });
  return { customerId: c.id, ...counts, retrainingJobs };
}
