// Page state lives in the URL (sort, page, search, date range), so any view can be shared or bookmarked.

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(sp: SearchParams, key: string): string | undefined {
  const v = sp[key];
  return Array.isArray(v) ? v[0] : v;
}

export interface TableParams<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: "asc" | "desc";
  q: string;
}

export function readTableParams<S extends string>(
  sp: SearchParams,
  sorts: readonly S[],
  defaults: { sort: S; dir: "asc" | "desc"; pageSize?: number },
): TableParams<S> {
  const page = Number(first(sp, "page"));
  const sort = first(sp, "sort") as S | undefined;
  const dir = first(sp, "dir");
  return {
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    pageSize: defaults.pageSize ?? 25,
    sort: sort && sorts.includes(sort) ? sort : defaults.sort,
    dir: dir === "asc" || dir === "desc" ? dir : defaults.dir,
    q: (first(sp, "q") ?? "").slice(0, 200),
  };
}

/** The current path with some query parameters replaced (undefined or "" removes one). */
export function hrefWith(path: string, sp: SearchParams, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value !== "" && !(k in changes)) params.set(k, value);
  }
  for (const [k, v] of Object.entries(changes)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
