// How the form and the results name what a column holds.
import type { ColumnKind } from "@/lib/services/scoring/file-evaluation";

export const KIND_TEXT: Record<ColumnKind, string> = { numeric: "numbers", categorical: "categories", date: "dates (not a feature)", dropped: "left out", target: "target" };
