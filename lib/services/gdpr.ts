// GDPR tooling for admins: everything stored about one customer as JSON (access and portability), and
// erasure with a suppression list so the next import does not bring them back. Both are audited by
// customer id only.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { emailHash, externalIdHash, STORED_HASH_PREFIX } from "../auth/pii-hash";
import { recordAuditEvent } from "../db/audit";
import { customerNeedles, eraseCustomerRows, findCustomerRef, listRejectedRowFiles, loadCustomerData, PER_CUSTOMER_JOB_KINDS, quotesCustomer, type CustomerLookup, type CustomerRef, type ErasureCounts } from "../db/customer-erasure";
import { findActiveJob, getLatestJobResult, insertJob } from "../db/jobs";
import { cancelJob } from "./jobs/runner";
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
  /** Lines removed from refused-rows files of past imports. */
  refusedFileLines: number;
  retrainingJobs: number[];
}

/** Rewrites each refused-rows file without the lines that name the customer; returns how many went. */
async function scrubRejectedFiles(c: CustomerRef): Promise<number> {
  const needles = customerNeedles(c);
  let removed = 0;
  for (const file of await listRejectedRowFiles()) {
    if (!existsSync(file)) continue;
    const tmp = `${file}.erasing`;
    const out = createWriteStream(tmp);
    let dropped = 0;
    // Streamed: a refused-rows file can be as large as the import it came from.
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      if (quotesCustomer(line, needles)) dropped++;
      else if (!out.write(line + "\n")) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    if (dropped) await rename(tmp, file);
    else await unlink(tmp);
    removed += dropped;
  }
  return removed;
}

export async function eraseCustomer(by: CustomerLookup, actor: Actor): Promise<ErasureReport> {
  const c = await find(by);
  // The settings of the models about to be dropped, to train them again without this customer; a run
  // under way would store a result that still holds them, so it is stopped.
  const latest = (await Promise.all(PER_CUSTOMER_JOB_KINDS.map((k) => getLatestJobResult(k)))).filter((r) => r !== null);
  for (const kind of PER_CUSTOMER_JOB_KINDS) {
    const active = await findActiveJob(kind);
    if (active) await cancelJob(active.id);
  }
  // Imported with hashed emails, the column already holds the keyed hash.
  const hashOfEmail = !c.email ? null : c.email.startsWith(STORED_HASH_PREFIX) ? c.email.slice(STORED_HASH_PREFIX.length) : emailHash(c.email);
  const counts = await eraseCustomerRows(c, { externalIdHash: externalIdHash(c.externalId), emailHash: hashOfEmail }, MODELS_DROPPED_NOTE);
  const refusedFileLines = await scrubRejectedFiles(c);
  const retrainingJobs = await Promise.all(latest.map((r) => insertJob(r.kind, r.parameters as object)));
  await recordAuditEvent({ action: "customer.erase", outcome: "ok", target: `customer ${c.id}`, detail: { ...counts, refusedFileLines, retrainingJobs: retrainingJobs.map(String), via: actor.via }, ...auditFields(actor) });
  return { customerId: c.id, ...counts, refusedFileLines, retrainingJobs };
}
