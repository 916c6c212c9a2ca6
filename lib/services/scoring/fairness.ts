// The fairness report of a stored response model: every customer who could have responded is scored under
// the run's most common campaign set-up, the cut picks the audience, and lib/ml/fairness compares the groups
// by gender, age band, country and any imported attribute asked for. A customer's outcome is whether they
// ever responded (clicked any campaign for a click model, converted for a conversion model); customers never
// exposed (no impression, or no click for conversions) cannot have, so they are left out and counted.
import { z } from "zod";
import { ageBand } from "../../analytics/age-band";
import type { CampaignSetup, CustomerFacts } from "../../analytics/scoring-features";
import { UserError, userErrorFromMl } from "../../errors";
import { fairnessReport, findProxies, quintileCodes, summariseFairness, type FairnessReport, type GroupAttribute, type ModelFeature, type ProxyAlert } from "../../ml/fairness";
import type { FeatureSchema } from "../../ml/scoring/features";
import type { ScoringKind } from "../../ml/scoring/model";
import { SCORING_KINDS } from "../../ml/scoring/scorer";
import { indexOfSorted } from "../../ml/sorted";
import { MinGroupSize } from "../fairness/report-settings";
import { loadScoringRun, pickScorer, scoreAllCustomers, setupOf } from "./serving";
import { loadScoringInputs, type ScoringInputs } from "./training-data";
import type { StoredScoring } from "./training";

const KINDS: readonly string[] = SCORING_KINDS;

// Every message names its field: the page shows them as they are.
const THRESHOLD = "the threshold must be a score from 0 to 1";
export const FairnessRequest = z.object({
  runId: z.number({ error: "the run must be a job id" }).int("the run must be a job id").min(1, "the run must be a job id").optional(),
  model: z
    .string({ error: "the model must be a name" })
    .refine((m) => KINDS.includes(m), { error: `the model must be one of ${SCORING_KINDS.join(", ")}` })
    .optional(),
  cut: z.union(
    [
      z.strictObject({ topShare: z.number({ error: "the top share must be a number" }).gt(0, "the top share must be above 0%").max(1, "the top share must be at most 100%") }),
      z.strictObject({ threshold: z.number({ error: THRESHOLD }).min(0, THRESHOLD).max(1, THRESHOLD) }),
    ],
    { error: "the cut is either a top share or a score threshold" },
  ),
  attributes: z
    .array(z.string({ error: "an attribute name must be text" }).trim().min(1, "an attribute name must not be empty").max(100, "an attribute name has at most 100 characters"), { error: "the attributes must be a list of names" })
    .max(5, "compare by at most 5 extra attributes")
    .default([]),
  minGroupSize: MinGroupSize,
});
export type FairnessRequest = z.input<typeof FairnessRequest>;

export interface ScoringFairness {
  readonly runId: number;
  readonly model: ScoringKind;
  readonly target: StoredScoring["settings"]["target"];
  readonly setup: CampaignSetup;
  /** Exposed customers: the rows of the report. */
  readonly rows: number;
  /** Customers never exposed, so without an outcome: not in the report. */
  readonly leftOut: number;
  /** The group attributes the model takes as inputs itself (gender, age as "age band", …). */
  readonly direct: readonly string[];
  /** Every imported attribute name customers have, for choosing one to compare by. */
  readonly attributeNames: readonly string[];
  readonly report: FairnessReport;
}

/** Attributes with more distinct numbers than this are compared in quintiles. */
const MAX_NUMERIC_LEVELS = 10;
const BUILT_IN_GROUPS = ["gender", "age band", "country"];
const ATTRIBUTE_PREFIX = "attribute ";

export async function scoringFairness(input: FairnessRequest): Promise<ScoringFairness> {
  const parsed = FairnessRequest.safeParse(input);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => i.message).join("; "));
  const request = parsed.data;
  const run = await loadScoringRun(request.runId);
  if (!run) throw new UserError(request.runId === undefined ? "no response model has been trained yet: train one on the scoring page first" : `there is no completed scoring run ${request.runId}`, "not_found");
  const scorer = pickScorer(run, request.model);
  const inputs = await loadScoringInputs();
  const c = inputs.sources.customers;
  const attributeNames = attributeNamesOf(c.attributes);
  const unknown = request.attributes.filter((a) => !attributeNames.includes(a));
  if (unknown.length > 0) throw new UserError(`no customer has ${unknown.length === 1 ? "an attribute" : "the attributes"} ${unknown.map((a) => `"${a}"`).join(", ")} (${attributeNames.length ? `attributes: ${attributeNames.join(", ")}` : "customers have no imported attributes"})`);
  const target = run.result.settings.target;
  const { exposed, label } = outcomesOf(c.ids, inputs.events, target);
  const rows = exposedRows(exposed);
  if (rows.length === 0) throw new UserError(`no customer has had ${target === "click" ? "an impression" : "a click"} yet, so there is nobody to compare`);
  const setup = setupOf(run);
  const scored = await scoreAllCustomers(run, scorer.kind, setup, inputs);
  const scores = Float64Array.from(rows, (i) => scored.probability[i]!);
  const labels = Uint8Array.from(rows, (i) => label[i]!);
  const attributes = attributeGroupsOf(request.attributes);
  const groups = groupsOf(c, rows, attributes);
  const features = modelFeatures(scorer.model.schema, c, rows, attributes);
  try {
    // Proxies are found here, not by fairnessReport: it would set country against country and age against
    // age band, alerts that say nothing; each feature skips the group it is built from.
    const { summary: _, ...base } = fairnessReport({ scores, labels, groups, cut: request.cut, minGroupSize: request.minGroupSize });
    const findings = { ...base, featuresChecked: features.length, proxies: proxiesOf(features, groups, base.proxyThreshold) };
    return {
      runId: run.id,
      model: scorer.kind,
      target,
      setup,
      rows: rows.length,
      leftOut: c.ids.length - rows.length,
      direct: directGroups(scorer.model.schema, attributes),
      attributeNames,
      report: { ...findings, summary: summariseFairness(findings) },
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

/** Imported attribute names with at least one value, in code-unit order. */
export function attributeNamesOf(attributes: CustomerFacts["attributes"]): string[] {
  const names = new Set<string>();
  for (const a of attributes) if (a) for (const [k, v] of Object.entries(a)) if (v !== null && v !== undefined && v !== "") names.add(k);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Per customer (in `ids` order): exposed to the target's exposure (type 0 impression, 1 click), and responded. */
function outcomesOf(ids: Int32Array, events: ScoringInputs["events"], target: ScoringFairness["target"]): { exposed: Uint8Array; label: Uint8Array } {
  const exposure = target === "click" ? 0 : 1;
  const exposed = new Uint8Array(ids.length);
  const label = new Uint8Array(ids.length);
  let customer = NaN;
  let at = -1;
  // Events are sorted by customer: one binary search per customer, not per event.
  for (let i = 0; i < events.type.length; i++) {
    if (events.customer[i] !== customer) at = indexOfSorted(ids, (customer = events.customer[i]!));
    if (at < 0) continue;
    if (events.type[i] === exposure) exposed[at] = 1;
    else if (events.type[i] === exposure + 1) label[at] = 1;
  }
  return { exposed, label };
}

function exposedRows(exposed: Uint8Array): Int32Array {
  const rows: number[] = [];
  exposed.forEach((e, i) => e && rows.push(i));
  return Int32Array.from(rows);
}

export interface AttributeGroup {
  /** The imported attribute's own name. */
  readonly name: string;
  /** Its name in the report: "attribute gender" when it would clash with a built-in group. */
  readonly group: string;
}

/** The requested imported attributes, each under its report name. */
export function attributeGroupsOf(names: readonly string[]): AttributeGroup[] {
  return [...new Set(names)].map((name) => ({ name, group: BUILT_IN_GROUPS.includes(name) ? `${ATTRIBUTE_PREFIX}${name}` : name }));
}

/** Gender, age band, country and the imported attributes of the customers at `rows` of `c`. */
export function groupsOf(c: CustomerFacts, rows: Int32Array, attributes: readonly AttributeGroup[]): GroupAttribute[] {
  const take = (a: readonly (string | null)[]) => Array.from(rows, (i) => a[i] ?? null);
  return [
    { name: "gender", values: take(c.gender) },
    { name: "age band", values: Array.from(rows, (i) => ageBand(c.age[i])) },
    { name: "country", values: take(c.country) },
    ...attributes.map((a) => ({ name: a.group, values: attributeValues(Array.from(rows, (i) => c.attributes[i]?.[a.name])) })),
  ];
}

/** Text as it is; numbers with many distinct values as quintiles ("Q1 (18–29)"), so groups are not one row each. */
function attributeValues(values: readonly unknown[]): (string | null)[] {
  const missing = (v: unknown) => v === null || v === undefined || v === "";
  const numbers = values.every((v) => missing(v) || typeof v === "number");
  if (numbers && new Set(values.filter((v) => !missing(v))).size > MAX_NUMERIC_LEVELS) return quintileLabels(Float64Array.from(values, (v) => (typeof v === "number" ? v : NaN)));
  return values.map((v) => (missing(v) ? null : typeof v === "object" ? JSON.stringify(v) : String(v)));
}

function quintileLabels(values: Float64Array): (string | null)[] {
  const codes = quintileCodes(values);
  const low: number[] = [];
  const high: number[] = [];
  codes.forEach((k, i) => {
    if (k < 0) return;
    low[k] = Math.min(low[k] ?? Infinity, values[i]!);
    high[k] = Math.max(high[k] ?? -Infinity, values[i]!);
  });
  const label = low.map((l, k) => `Q${k + 1} (${l}–${high[k]})`);
  return Array.from(codes, (k) => (k < 0 ? null : label[k]!));
}

/** The model's own customer features, each with the group it is built from (a proxy of itself is no news). */
interface SourcedFeature {
  readonly feature: ModelFeature;
  readonly source: string | null;
}

function modelFeatures(schema: readonly FeatureSchema[], c: CustomerFacts, rows: Int32Array, attributes: readonly AttributeGroup[]): SourcedFeature[] {
  const numeric = (name: string, value: (i: number) => number, source: string | null): SourcedFeature => ({ feature: { name, kind: "numeric", values: Float64Array.from(rows, value) }, source });
  const categorical = (name: string, value: (i: number) => string | null, source: string | null): SourcedFeature => ({ feature: { name, kind: "categorical", values: Array.from(rows, value) }, source });
  return schema.flatMap((s): SourcedFeature[] => {
    if (s.name === "age") return [numeric("age", (i) => c.age[i]!, "age band")];
    if (s.name === "income") return [numeric("income", (i) => c.income[i]!, null)];
    if (s.name === "education") return [categorical("education", (i) => c.education[i] ?? null, null)];
    if (s.name === "country") return [categorical("country", (i) => c.country[i] ?? null, "country")];
    if (!s.name.startsWith(ATTRIBUTE_PREFIX)) return [];
    const name = s.name.slice(ATTRIBUTE_PREFIX.length);
    const source = attributes.find((a) => a.name === name)?.group ?? null;
    const raw = (i: number) => c.attributes[i]?.[name];
    if (s.kind === "numeric") return [numeric(s.name, (i) => (typeof raw(i) === "number" ? (raw(i) as number) : NaN), source)];
    return [categorical(s.name, (i) => (raw(i) === null || raw(i) === undefined || raw(i) === "" ? null : String(raw(i))), source)];
  });
}

/** Proxy alerts of every feature against every group but its own, strongest first. */
function proxiesOf(features: readonly SourcedFeature[], groups: readonly GroupAttribute[], threshold: number): ProxyAlert[] {
  return features
    .flatMap(({ feature, source }) => findProxies([feature], groups.filter((g) => g.name !== source), threshold))
    .sort((a, b) => b.cramersV - a.cramersV);
}

/** The groups the model sees directly, through its own gender, age, country or attribute column. */
function directGroups(schema: readonly FeatureSchema[], attributes: readonly AttributeGroup[]): string[] {
  const names = new Set(schema.map((s) => s.name));
  return [
    ...(names.has("gender") ? ["gender"] : []),
    ...(names.has("age") ? ["age band"] : []),
    ...(names.has("country") ? ["country"] : []),
    ...attributes.filter((a) => names.has(`${ATTRIBUTE_PREFIX}${a.name}`)).map((a) => a.group),
  ];
}
