// Coefficients with standard errors and odds ratios with 95% Wald intervals. The covariance is the inverse
// of the observed information of the penalised log-likelihood on the given (training) rows,
// H = Xᵀ diag(sᵢ·pᵢ(1 − pᵢ)) X + Σ sᵢ · l2 · I (intercept unpenalised), so the errors are those of the
// penalised estimate; as l2 → 0 they become the usual MLE errors (statsmodels' Logit). One-hot keeps every
// level, so a level's coefficient alone is not an odds ratio: each level is stated against its feature's
// most frequent training level, exp(w_level − w_ref), with the variance of the difference from H⁻¹.
import { MlRangeError } from "../../errors";
import { invertSpd } from "../../linalg";
import type { LabelledTable } from "../features";
import { type ColumnInfo, describeColumns, type FeatureCode } from "./encode";
import { encodeForModel, type LogisticModel } from "./logistic";
import { design, penalisedHessian } from "./objective";

export interface Coefficient {
  readonly column: ColumnInfo;
  readonly coefficient: number;
  readonly standardError: number;
}

export interface Interval {
  readonly oddsRatio: number;
  readonly low: number;
  readonly high: number;
}

export interface OddsRatio extends Interval {
  readonly feature: string;
  readonly level?: string;
  readonly reference?: string;
  /** "sd": a numeric's odds ratio per training standard deviation; "level": against `reference`. */
  readonly per: "sd" | "level";
  /** log(oddsRatio) and its standard error. */
  readonly logOddsRatio: number;
  readonly standardError: number;
  /** A numeric's odds ratio per one unit of the raw value, exp(w / sd). */
  readonly perUnit?: Interval;
}

export type OddsRatioReport =
  | { readonly coefficients: Coefficient[]; readonly intercept: Omit<Coefficient, "column">; readonly oddsRatios: OddsRatio[] }
  | { readonly skipped: string };

const Z95 = 1.959963984540054;
const MISSING = "(missing)";
const OTHER = "(other)";

/**
 * The report on `table`, which should be the training rows (with their sample weights): the Hessian needs
 * each row's fitted probability. Skipped, with the reason, past `maxColumns` encoded columns.
 */
export function oddsRatios(model: LogisticModel, table: LabelledTable, options: { sampleWeights?: Float64Array; maxColumns?: number } = {}): OddsRatioReport {
  const maxColumns = options.maxColumns ?? 2000;
  const cols = model.encoder.cols;
  if (cols > maxColumns) return { skipped: `${cols} encoded columns, more than ${maxColumns}: the covariance matrix would have ${((cols + 1) ** 2).toLocaleString("en")} entries` };
  if (table.label.length !== table.rows) throw new MlRangeError(`the label has ${table.label.length} values for ${table.rows} rows`);
  const d = design(encodeForModel(model, table), table.label, options.sampleWeights);
  const cov = invertSpd(penalisedHessian(d, model.weights, model.intercept, model.l2)).data;
  const q = cols + 1;
  const se = (j: number) => Math.sqrt(cov[j * q + j]!);
  const columns = describeColumns(model.encoder, model.schema);
  const coefficients = columns.map((column, j) => ({ column, coefficient: model.weights[j]!, standardError: se(j) }));
  const ratios: OddsRatio[] = [];
  model.encoder.features.forEach((code, f) => {
    if (code.kind === "numeric") ratios.push(...numericRatios(model, code, cov, q));
    else if (code.kind === "onehot") ratios.push(...levelRatios(model, code, f, cov, q));
  });
  return { coefficients, intercept: { coefficient: model.intercept, standardError: se(cols) }, oddsRatios: ratios };
}

function numericRatios(model: LogisticModel, code: Extract<FeatureCode, { kind: "numeric" }>, cov: Float64Array, q: number): OddsRatio[] {
  const out: OddsRatio[] = [];
  if (code.column >= 0) {
    const w = model.weights[code.column]!;
    const s = Math.sqrt(cov[code.column * q + code.column]!);
    out.push({ feature: code.name, per: "sd", ...ratio(w, s), perUnit: interval(w / code.sd, s / code.sd) });
  }
  if (code.missingColumn >= 0) {
    const j = code.missingColumn;
    // A missing value is encoded as the mean plus the indicator, so the indicator compares it with the mean.
    out.push({ feature: code.name, level: MISSING, reference: "(present, at the training mean)", per: "level", ...ratio(model.weights[j]!, Math.sqrt(cov[j * q + j]!)) });
  }
  return out;
}

function levelRatios(model: LogisticModel, code: Extract<FeatureCode, { kind: "onehot" }>, f: number, cov: Float64Array, q: number): OddsRatio[] {
  const s = model.schema[f]!;
  const levels = s.kind === "categorical" ? s.levels : [];
  const named: { column: number; name: string }[] = [];
  code.levelColumns.forEach((col, c) => {
    if (col >= 0 && col !== code.otherColumn) named.push({ column: col, name: levels[c] ?? String(c) });
  });
  if (code.otherColumn >= 0) named.push({ column: code.otherColumn, name: OTHER });
  if (code.missingColumn >= 0 && code.missingColumn !== code.otherColumn) named.push({ column: code.missingColumn, name: MISSING });
  const candidates = named.filter((n) => n.name !== OTHER && n.name !== MISSING);
  const ref = (candidates.length > 0 ? candidates : named).reduce<{ column: number; name: string } | null>(
    (best, n) => (best === null || model.columnMeans[n.column]! > model.columnMeans[best.column]! ? n : best),
    null,
  );
  if (ref === null) return [];
  const r = ref.column;
  return named
    .filter((n) => n.column !== r)
    .map((n) => {
      const c = n.column;
      const variance = cov[c * q + c]! + cov[r * q + r]! - 2 * cov[c * q + r]!;
      return { feature: code.name, level: n.name, reference: ref.name, per: "level" as const, ...ratio(model.weights[c]! - model.weights[r]!, Math.sqrt(Math.max(0, variance))) };
    });
}

function ratio(logOddsRatio: number, standardError: number) {
  return { logOddsRatio, standardError, ...interval(logOddsRatio, standardError) };
}

function interval(log: number, se: number): Interval {
  return { oddsRatio: Math.exp(log), low: Math.exp(log - Z95 * se), high: Math.exp(log + Z95 * se) };
}
