// Everything stored about one customer, read out (GDPR art. 15/20) or erased (art. 17). Erasure deletes in
// one transaction: events, campaign events, segment memberships, purchase totals, refused import rows that
// quote them, the customer; adds them to the suppression list; and drops the stored models that hold a row
// for them (recommenders, clusters), which are then trained again. Connections run with secure_delete
// (client.ts, bulk-insert.ts), and the write-ahead log is checkpointed and truncated afterwards, so the
// deleted content is zeroed in the database file rather than left in free pages.
import { configuredProvider } from "../env";
import { blindIndex, isPiiEncryptionOn, revealPii, revealRow } from "../auth/pii-crypto";
import { normaliseEmail, storedEmailHash } from "../auth/pii-hash";
import { getDb } from "./client";
import { Prisma } from "./generated/client";

export interface CustomerRef {
  id: number;
  externalId: string;
  email: string | null;
}

/** The values that name a customer in an imported row: their external id and their email (any case). */
export function customerNeedles(c: CustomerRef): Set<string> {
  return new Set([c.externalId, ...(c.email ? [c.email, c.email.trim().toLowerCase()] : [])]);
}

/** True when one of the cells of a row (as stored or as written to a refused-rows file) is one of `needles`. */
export function quotesCustomer(line: string, needles: ReadonlySet<string>): boolean {
  return line.split(/[,;\t|]/).some((cell) => {
    const v = cell.trim().replace(/^"|"$/g, "").trim();
    return needles.has(v) || needles.has(v.toLowerCase());
  });
}

/** The refused-rows files of past imports (they keep the file's cells). */
export async function listRejectedRowFiles(): Promise<string[]> {
  return (await getDb().import.findMany({ where: { errorsPath: { not: null } }, select: { errorsPath: true } })).flatMap((r) => (r.errorsPath ? [r.errorsPath] : []));
}

export type CustomerLookup = { id: number } | { externalId: string } | { email: string };

export async function findCustomerRef(by: CustomerLookup): Promise<CustomerRef | null> {
  const select = { id: true, externalId: true, email: true } as const;
  const db = getDb();
  if ("id" in by || "externalId" in by) {
    const r = await db.customer.findUnique({ where: "id" in by ? { id: by.id } : { externalId: by.externalId }, select });
    return r ? revealRow(r) : null;
  }
  // Email is not unique and may differ in case: the oldest match, as the person most likely meant.
  // Imported with hashEmails, the column holds the keyed hash: look for both.
  const rows = await db.$queryRaw<CustomerRef[]>`SELECT "id", "externalId", "email" FROM "Customer" WHERE lower(trim("email")) = ${normaliseEmail(by.email)} OR "email" = ${storedEmailHash(by.email)} OR "emailIndex" = ${blindIndex("email", by.email)} ORDER BY "id" LIMIT 1`;
  return rows[0] ? revealRow(rows[0]) : null;
}

/** Every row about the customer, as stored (for the export). */
export async function loadCustomerData(id: number) {
  const db = getDb();
  const [customer, purchaseStats, events, campaignEvents, segments] = await Promise.all([
    db.customer.findUnique({ where: { id } }),
    db.customerPurchaseStats.findUnique({ where: { customerId: id } }),
    db.event.findMany({ where: { customerId: id }, orderBy: { occurredAt: "asc" }, select: { id: true, type: true, quantity: true, revenue: true, rating: true, orderId: true, occurredAt: true, product: { select: { externalId: true, name: true } } } }),
    db.campaignEvent.findMany({ where: { customerId: id }, orderBy: { occurredAt: "asc" }, select: { id: true, type: true, revenue: true, cost: true, occurredAt: true, campaign: { select: { externalId: true, name: true } } } }),
    db.segmentMember.findMany({ where: { customerId: id }, select: { segment: { select: { id: true, name: true, kind: true } } } }),
  ]);
  const { emailIndex: _e, nameIndex: _n, ...stored } = customer ?? { emailIndex: null, nameIndex: null };
  return { customer: customer ? revealRow(stored as Omit<NonNullable<typeof customer>, "emailIndex" | "nameIndex">) : null, purchaseStats, events, campaignEvents, segments: segments.map((s) => s.segment) };
}

/** Job kinds whose stored result holds a row per customer. */
export const PER_CUSTOMER_JOB_KINDS = ["recommenders", "customer-clusters"] as const;

export interface ErasureCounts {
  events: number;
  campaignEvents: number;
  segmentMemberships: number;
  importRowErrors: number;
  modelsDropped: number;
}

export async function eraseCustomerRows(c: CustomerRef, suppression: { externalIdHash: string; emailHash: string | null }, droppedNote: string): Promise<ErasureCounts> {
  const db = getDb();
  const counts = await db.$transaction(async (tx) => {
    const events = (await tx.event.deleteMany({ where: { customerId: c.id } })).count;
    const campaignEvents = (await tx.campaignEvent.deleteMany({ where: { customerId: c.id } })).count;
    const segmentMemberships = (await tx.segmentMember.deleteMany({ where: { customerId: c.id } })).count;
    await tx.customerPurchaseStats.deleteMany({ where: { customerId: c.id } });
    // A refused row keeps the file's cells: those with a cell that is the customer's id or email go too
    // (whole cells, so erasing C1 leaves C10's rows alone).
    const needles = customerNeedles(c);
    // Sealed rows (MARKETLENS_ENCRYPT_PII) cannot be searched in SQL: they are all read and opened.
    const where = isPiiEncryptionOn() ? {} : { OR: [...needles].map((n) => ({ raw: { contains: n } })) };
    const candidates = await tx.importRowError.findMany({ where, select: { id: true, raw: true } });
    const quoting = candidates.filter((r) => r.raw !== null && quotesCustomer(revealPii(r.raw), needles)).map((r) => r.id);
    const importRowErrors = (await tx.importRowError.deleteMany({ where: { id: { in: quoting } } })).count;
    await tx.customer.delete({ where: { id: c.id } });
    await tx.suppressedCustomer.upsert({ where: { externalIdHash: suppression.externalIdHash }, create: suppression, update: { emailHash: suppression.emailHash ?? undefined } });
    // The models' bytes hold customers' histories too (trained recommenders' matrix and factors).
    await tx.modelPart.deleteMany({ where: { job: { kind: { in: [...PER_CUSTOMER_JOB_KINDS] } } } });
    const modelsDropped = (await tx.job.updateMany({ where: { kind: { in: [...PER_CUSTOMER_JOB_KINDS] }, status: "completed" }, data: { status: "cancelled", result: Prisma.DbNull, message: droppedNote } })).count;
    return { events, campaignEvents, segmentMemberships, importRowErrors, modelsDropped };
  });
  // SQLite: copies of the deleted pages also sit in the write-ahead log until a checkpoint: write them back
  // and empty it. (PostgreSQL reuses a deleted row's space after VACUUM, which autovacuum runs.)
  if (configuredProvider() === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return counts;
}
