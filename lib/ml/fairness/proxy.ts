// Proxy alerts: a model that never sees gender can still sort by it through a feature that tracks it.
// Each model feature is set against each protected attribute (not the intersections) over the rows where
// both are known; numeric features are cut into quintiles first. A missing feature value (NaN, null) or
// an unknown attribute value leaves the row out of that one pair; a feature's own level "unknown" stays in,
// since the model sees it.
import { MlRangeError } from "../errors";
import { cramersV, crossTabulate, quintileCodes } from "./association";
import { encodeAttribute, encodeStrings } from "./grouping";
import type { GroupAttribute, ModelFeature, ProxyAlert } from "./types";

export const DEFAULT_PROXY_THRESHOLD = 0.3;

export interface Association {
  readonly feature: string;
  readonly attribute: string;
  readonly cramersV: number | null;
  readonly cramersVRaw: number | null;
  readonly rows: number;
}

export function checkFeatures(features: readonly ModelFeature[], rows: number): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (typeof f.name !== "string" || f.name.trim() === "") throw new MlRangeError(`every model feature needs a name, got ${JSON.stringify(f.name)}`);
    if (seen.has(f.name)) throw new MlRangeError(`model feature "${f.name}" is given twice`);
    seen.add(f.name);
    if (f.values.length !== rows) throw new MlRangeError(`model feature "${f.name}" has ${f.values.length} values for ${rows} rows`);
    if (f.kind === "numeric") {
      const bad = f.values.findIndex((v) => v === Infinity || v === -Infinity);
      if (bad >= 0) throw new MlRangeError(`model feature "${f.name}" holds ${f.values[bad]} at row ${bad}; use NaN for a missing value`);
    } else if (f.kind !== "categorical") {
      throw new MlRangeError(`model feature "${(f as ModelFeature).name}" has kind ${JSON.stringify((f as { kind: unknown }).kind)}; expected "numeric" or "categorical"`);
    }
  }
}

function featureCodes(feature: ModelFeature): Int32Array {
  if (feature.kind === "numeric") return quintileCodes(feature.values);
  return encodeStrings(feature.values).codes;
}

/** Cramér's V (bias-corrected and classic) of every feature against every attribute. */
export function measureAssociations(features: readonly ModelFeature[], groups: readonly GroupAttribute[]): Association[] {
  const attributes = groups.map(encodeAttribute);
  return features.flatMap((feature) => {
    const x = featureCodes(feature);
    return attributes.map((attribute) => {
      const table = crossTabulate(x, attribute.codes);
      const v = cramersV(table);
      const rows = table.reduce((a, row) => a + row.reduce((s, c) => s + c, 0), 0);
      return { feature: feature.name, attribute: attribute.name, cramersV: v?.corrected ?? null, cramersVRaw: v?.raw ?? null, rows };
    });
  });
}

/** The feature–attribute pairs whose bias-corrected V reaches the threshold, strongest first. */
export function findProxies(features: readonly ModelFeature[], groups: readonly GroupAttribute[], threshold = DEFAULT_PROXY_THRESHOLD): ProxyAlert[] {
  if (!(threshold > 0 && threshold <= 1)) throw new MlRangeError(`the proxy threshold must be above 0 and at most 1, got ${threshold}`);
  const kindOf = new Map(features.map((f) => [f.name, f.kind]));
  return measureAssociations(features, groups)
    .filter((a) => a.cramersV !== null && a.cramersV >= threshold)
    .sort((a, b) => b.cramersV! - a.cramersV!)
    .map((a) => ({
      feature: a.feature,
      attribute: a.attribute,
      cramersV: a.cramersV!,
      cramersVRaw: a.cramersVRaw!,
      rows: a.rows,
      note: `"${a.feature}"${kindOf.get(a.feature) === "numeric" ? " (in quintiles)" : ""} is associated with ${a.attribute} (bias-corrected Cramér's V ${a.cramersV!.toFixed(2)} over ${a.rows} rows): a model using it may pick up ${a.attribute} through it.`,
    }));
}
