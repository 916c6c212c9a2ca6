export interface PageRequest<S extends string> {
  page: number; // 1-based
  pageSize: number;
  sort: S;
  dir: "asc" | "desc";
  q?: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function skipTake(req: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (Math.max(1, req.page) - 1) * req.pageSize, take: req.pageSize };
}

/** Sorts by one column, with missing values last whichever the direction (Prisma only allows `nulls` on optional fields). */
export function orderBy(column: string, dir: "asc" | "desc", nullable: readonly string[] = []): Record<string, unknown> {
  return nullable.includes(column) ? { [column]: { sort: dir, nulls: "last" } } : { [column]: dir };
}
