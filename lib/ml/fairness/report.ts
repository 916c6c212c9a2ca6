// The fairness report of a scoring model: the cut applied, every group's rates, the flags, the error-rate
// gaps, the proxy alerts and the sentences. Plain JSON all through, null wherever a figure is undefined.
import { MlRangeError } from "../errors";
import { checkFlagOptions, measureGaps, testGroups } from "./flags";
import { checkLabels, checkMinGroupSize, encodeGroups, measureGroups } from "./group-metrics";
import { checkAttributes } from "./grouping";
import { checkFeatures, DEFAULT_PROXY_THRESHOLD, findProxies } from "./proxy";
import { applyCut, checkScores } from "./selection";
import { summariseFairness } from "./summary";
import type { Cut, FairnessFindings, FairnessReport, GroupAttribute, ModelFeature } from "./types";

export interface FairnessReportInput {
  /** One probability per row. */
  readonly scores: Float64Array;
  /** 0/1 outcome per row, or null when outcomes are unknown (no TPR, FPR or calibration then). */
  readonly labels: Uint8Array | null;
  readonly groups: readonly GroupAttribute[];
  readonly cut: Cut;
  /** Groups with fewer rows are listed but never tested or flagged; 30 unless told. */
  readonly minGroupSize?: number;
  /** Every pair of attributes as "a × b" too; true unless told. */
  readonly intersections?: boolean;
  /** The model's features, checked against the group attributes for proxies. */
  readonly features?: readonly ModelFeature[];
  /** The significance level after Holm correction; 0.05 unless told. */
  readonly alpha?: number;
  /** The four-fifths rule's ratio; 0.8 unless told. */
  readonly ratioThreshold?: number;
  /** The bias-corrected Cramér's V from which a feature is a possible proxy; 0.3 unless told. */
  readonly proxyThreshold?: number;
}

const DEFAULTS = { minGroupSize: 30, intersections: true, alpha: 0.05, ratioThreshold: 0.8, proxyThreshold: DEFAULT_PROXY_THRESHOLD };

export function fairnessReport(input: FairnessReportInput): FairnessReport {
  const o = { ...DEFAULTS, ...withoutUndefined(input) };
  const { scores, labels, groups } = input;
  checkScores(scores);
  checkLabels(labels, scores.length);
  checkAttributes(groups, scores.length);
  checkMinGroupSize(o.minGroupSize);
  checkFlagOptions(o);
  if (groups.length === 0) throw new MlRangeError("the fairness report needs at least one group attribute, got none");
  const features = input.features ?? [];
  checkFeatures(features, scores.length);
  const { selected, cut } = applyCut(scores, input.cut);
  const measured = measureGroups({ scores, labels, selected, attributes: encodeGroups(groups, o.intersections), minGroupSize: o.minGroupSize });
  const tested = testGroups(measured, o);
  const findings: FairnessFindings = {
    cut,
    minGroupSize: o.minGroupSize,
    alpha: o.alpha,
    ratioThreshold: o.ratioThreshold,
    proxyThreshold: o.proxyThreshold,
    labelled: labels !== null,
    featuresChecked: features.length,
    groups: tested.groups,
    flags: tested.flags,
    gaps: measureGaps(tested.groups),
    proxies: findProxies(features, groups, o.proxyThreshold),
  };
  return { ...findings, summary: summariseFairness(findings) };
}

// `{ alpha: undefined }` from a caller's optional field must not erase the default.
function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
