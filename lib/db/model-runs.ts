// Stored results of analysis runs (segmentations, later trained recommenders), newest first per kind.
import { getDb } from "./client";
import type { Prisma } from "./generated/client";

export interface ModelRunRecord<T> {
  id: number;
  kind: string;
  parameters: unknown;
  result: T;
  finishedAt: Date;
}

export async function saveModelRun(kind: string, parameters: object, result: object, startedAt: Date): Promise<number> {
  const row = await getDb().modelRun.create({
    data: { kind, status: "completed", parameters: parameters as Prisma.InputJsonValue, model: result as Prisma.InputJsonValue, startedAt, finishedAt: new Date() },
    select: { id: true },
  });
  return row.id;
}

export async function latestModelRun<T>(kind: string): Promise<ModelRunRecord<T> | null> {
  const row = await getDb().modelRun.findFirst({
    where: { kind, status: "completed" },
    orderBy: { id: "desc" },
    select: { id: true, kind: true, parameters: true, model: true, finishedAt: true },
  });
  return row ? { id: row.id, kind: row.kind, parameters: row.parameters, result: row.model as T, finishedAt: row.finishedAt ?? new Date(0) } : null;
}

/** When data last changed through an import: a stored analysis older than this is stale. */
export async function lastImportAt(): Promise<Date | null> {
  // Cancelled and failed imports keep what they committed, so they change the data too.
  const row = await getDb().importJob.findFirst({ where: { status: { in: ["completed", "cancelled", "failed"] }, dryRun: false, OR: [{ inserted: { gt: 0 } }, { updated: { gt: 0 } }] }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } });
  return row?.finishedAt ?? null;
}
