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
