// The features response scoring sees for one exposure (a customer shown a campaign at a time), built the same
// way for training rows (every impression or click in the database) and for scoring rows (every customer,
// now, under a campaign set-up the marketer picks), so the two tables always share one schema. History is
// taken as of the exposure's time: purchases, spend by category and earlier campaign engagement before it,
// never after, so a conversion's own purchase cannot leak into the row that predicts it.
import { DAY_MS } from "../days";
import type { CategoricalFeature, Feature, FeatureSchema, FeatureTable, NumericFeature } from "../ml/scoring/features";
import { indexOfSorted } from "../ml/sorted";

export interface CampaignSetup {
  readonly channel: string | null;
  readonly adType: string | null;
  readonly adPosition: string | null;
  readonly variant: string | null;
}

/** Each customer's own facts, by ascending database id; NaN or null where unknown. */
export interface CustomerFacts {
  readonly ids: Int32Array;
  readonly age: Float64Array;
  readonly income: Float64Array;
  readonly signupAt: Float64Array;
  readonly gender: readonly (string | null)[];
  readonly education: readonly (string | null)[];
  readonly country: readonly (string | null)[];
  /** Imported attributes, parsed; null where the customer has none. */
  readonly attributes: readonly (Record<string, unknown> | null)[];
}

export interface ScoringSources {
  readonly customers: CustomerFacts;
  /** One row per order, sorted by customer then time. */
  readonly orders: { readonly customer: Int32Array; readonly time: Float64Array; readonly revenue: Float64Array };
  /** Purchase lines with a category code, sorted by customer then time. */
  readonly lines: { readonly customer: Int32Array; readonly time: Float64Array; readonly revenue: Float64Array; readonly category: Int32Array; readonly categories: readonly string[] };
  /** Campaign events of known customers sorted by customer, campaign, time (type 0 impression, 1 click). */
  readonly events: { readonly customer: Int32Array; readonly time: Float64Array; readonly type: Uint8Array };
  /** The latest cluster of each customer, or null when no clustering has run. */
  readonly clusters: { readonly ids: Int32Array; readonly names: readonly string[]; readonly cluster: Int32Array } | null;
}

export interface Exposures {
  /** Database ids. */
  readonly customer: Int32Array;
  readonly time: Float64Array;
  /** One set-up per row, or one for every row. */
  readonly setup: (row: number) => CampaignSetup;
  /** When the campaign reaches the row (weekday and hour); the row's time when absent. */
  readonly sendAt?: (row: number) => number;
}

const MAX_ATTRIBUTES = 20;
const MAX_CATEGORIES = 8;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Start and end of each customer's run in an array sorted by customer. */
function runsOf(customer: Int32Array): Map<number, [number, number]> {
  const runs = new Map<number, [number, number]>();
  for (let i = 0; i < customer.length; ) {
    let j = i;
    while (j < customer.length && customer[j] === customer[i]) j++;
    runs.set(customer[i]!, [i, j]);
    i = j;
  }
  return runs;
}

function categorical(name: string, values: (row: number) => string | null, rows: number, known?: FeatureSchema): CategoricalFeature {
  const levels = known?.kind === "categorical" ? [...known.levels] : [];
  const code = new Map(levels.map((l, i) => [l, i]));
  const codes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = values(r);
    if (v === null) {
      codes[r] = -1;
      continue;
    }
    let c = code.get(v);
    if (c === undefined) code.set(v, (c = levels.push(v) - 1));
    codes[r] = c;
  }
  return { kind: "categorical", name, codes, levels };
}

function numeric(name: string, values: (row: number) => number, rows: number): NumericFeature {
  return { kind: "numeric", name, values: Float64Array.from({ length: rows }, (_, r) => values(r)) };
}

/** Imported attribute names found on customers (up to 20, most common first) and whether each is numeric. */
function attributeKinds(attributes: ScoringSources["customers"]["attributes"]): { name: string; numeric: boolean }[] {
  const seen = new Map<string, { count: number; numeric: boolean }>();
  for (const a of attributes) {
    if (!a) continue;
    for (const [k, v] of Object.entries(a)) {
      if (v === null || v === undefined || v === "") continue;
      const s = seen.get(k) ?? { count: 0, numeric: true };
      s.count++;
      s.numeric &&= typeof v === "number";
      seen.set(k, s);
    }
  }
  return [...seen].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, MAX_ATTRIBUTES).map(([name, s]) => ({ name, numeric: s.numeric }));
}

/** Builds the table; with `schema` (a trained model's), the same columns in the same order with its levels first. */
export function buildScoringTable(src: ScoringSources, x: Exposures, schema?: readonly FeatureSchema[]): FeatureTable {
  const rows = x.customer.length;
  const c = src.customers;
  const sendAt = x.sendAt ?? ((r: number) => x.time[r]!);
  const at = Int32Array.from(x.customer, (id) => indexOfSorted(c.ids, id));
  const known = new Map(schema?.map((s) => [s.name, s]));
  const cat = (name: string, f: (r: number) => string | null) => categorical(name, f, rows, known.get(name));
  const text = (a: readonly (string | null)[]) => (r: number) => (at[r]! < 0 ? null : a[at[r]!]!);
  const facts = (a: Float64Array) => (r: number) => (at[r]! < 0 ? NaN : a[at[r]!]!);
  const features: Feature[] = [
    numeric("age", facts(c.age), rows),
    numeric("income", facts(c.income), rows),
    cat("gender", text(c.gender)),
    cat("education", text(c.education)),
    cat("country", text(c.country)),
    ...attributeColumns(src, at, rows, schema, cat),
    ...historyColumns(src, x, rows),
    ...categoryColumns(src, x, rows, schema),
    ...engagementColumns(src, x, rows),
    ...(src.clusters || known.has("cluster") ? [cat("cluster", clusterOf(src, x))] : []),
    cat("channel", (r) => x.setup(r).channel),
    cat("ad type", (r) => x.setup(r).adType),
    cat("ad position", (r) => x.setup(r).adPosition),
    cat("variant", (r) => x.setup(r).variant),
    cat("weekday", (r) => WEEKDAYS[new Date(sendAt(r)).getUTCDay()]!),
    numeric("hour", (r) => new Date(sendAt(r)).getUTCHours(), rows),
  ];
  if (!schema) return { rows, features };
  // A scoring table must have the model's columns, in its order: columns the data no longer yields are missing.
  const byName = new Map(features.map((f) => [f.name, f]));
  return {
    rows,
    features: schema.map((s): Feature => byName.get(s.name) ?? (s.kind === "numeric" ? { kind: "numeric", name: s.name, values: new Float64Array(rows).fill(NaN) } : { kind: "categorical", name: s.name, codes: new Int32Array(rows).fill(-1), levels: [...s.levels] })),
  };
}

function attributeColumns(src: ScoringSources, at: Int32Array, rows: number, schema: readonly FeatureSchema[] | undefined, cat: (name: string, f: (r: number) => string | null) => CategoricalFeature): Feature[] {
  const kinds = schema
    ? schema.filter((s) => s.name.startsWith("attribute ")).map((s) => ({ name: s.name.slice("attribute ".length), numeric: s.kind === "numeric" }))
    : attributeKinds(src.customers.attributes);
  const value = (r: number, name: string) => (at[r]! < 0 ? undefined : src.customers.attributes[at[r]!]?.[name]);
  return kinds.map(({ name, numeric: isNumeric }) =>
    isNumeric
      ? numeric(`attribute ${name}`, (r) => {
          const v = value(r, name);
          return typeof v === "number" ? v : NaN;
        }, rows)
      : cat(`attribute ${name}`, (r) => {
          const v = value(r, name);
          return v === null || v === undefined || v === "" ? null : String(v);
        }),
  );
}

/** Orders, revenue, recency and tenure as of each row's time. */
function historyColumns(src: ScoringSources, x: Exposures, rows: number): Feature[] {
  const runs = runsOf(src.orders.customer);
  const orders = new Float64Array(rows);
  const revenue = new Float64Array(rows);
  const recency = new Float64Array(rows).fill(NaN);
  const tenure = new Float64Array(rows).fill(NaN);
  const signup = new Map<number, number>();
  src.customers.ids.forEach((id, i) => signup.set(id, src.customers.signupAt[i]!));
  for (let r = 0; r < rows; r++) {
    const t = x.time[r]!;
    const run = runs.get(x.customer[r]!);
    let first = signup.get(x.customer[r]!) ?? NaN;
    if (run) {
      let n = 0;
      let sum = 0;
      for (let i = run[0]; i < run[1] && src.orders.time[i]! < t; i++, n++) sum += src.orders.revenue[i]!;
      orders[r] = n;
      revenue[r] = Math.round(sum * 100) / 100;
      if (n > 0) {
        recency[r] = (t - src.orders.time[run[0] + n - 1]!) / DAY_MS;
        const firstOrder = src.orders.time[run[0]]!;
        if (!(first <= firstOrder)) first = firstOrder;
      }
    }
    if (first <= t) tenure[r] = (t - first) / DAY_MS;
  }
  return [
    { kind: "numeric", name: "orders before", values: orders },
    { kind: "numeric", name: "revenue before", values: revenue },
    { kind: "numeric", name: "days since last order", values: recency },
    { kind: "numeric", name: "days as customer", values: tenure },
  ];
}

/** Share of spend in each of the largest categories, as of each row's time (NaN before any spend). */
function categoryColumns(src: ScoringSources, x: Exposures, rows: number, schema: readonly FeatureSchema[] | undefined): Feature[] {
  const l = src.lines;
  const prefix = "share of spend: ";
  let names: string[];
  if (schema) names = schema.filter((s) => s.name.startsWith(prefix)).map((s) => s.name.slice(prefix.length));
  else {
    const total = new Float64Array(l.categories.length);
    l.category.forEach((k, i) => k >= 0 && (total[k]! += l.revenue[i]!));
    names = l.categories.map((name, k) => ({ name, spend: total[k]! })).sort((a, b) => b.spend - a.spend || a.name.localeCompare(b.name)).slice(0, MAX_CATEGORIES).map((c) => c.name);
  }
  const codes = names.map((n) => l.categories.indexOf(n));
  const runs = runsOf(l.customer);
  const out = names.map(() => new Float64Array(rows).fill(NaN));
  const spend = new Float64Array(names.length);
  for (let r = 0; r < rows; r++) {
    const run = runs.get(x.customer[r]!);
    if (!run) continue;
    spend.fill(0);
    let all = 0;
    for (let i = run[0]; i < run[1] && l.time[i]! < x.time[r]!; i++) {
      all += l.revenue[i]!;
      const j = codes.indexOf(l.category[i]!);
      if (j >= 0) spend[j]! += l.revenue[i]!;
    }
    if (all > 0) for (let j = 0; j < names.length; j++) out[j]![r] = Math.round((spend[j]! / all) * 1000) / 1000;
  }
  return names.map((n, j) => ({ kind: "numeric", name: `${prefix}${n}`, values: out[j]! }));
}

/** Impressions and clicks of any campaign the customer had before each row's time. */
function engagementColumns(src: ScoringSources, x: Exposures, rows: number): Feature[] {
  const runs = runsOf(src.events.customer);
  const impressions = new Float64Array(rows);
  const clicks = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const run = runs.get(x.customer[r]!);
    if (!run) continue;
    // Events are sorted by campaign within a customer, not by time: count every one before the row's time.
    for (let i = run[0]; i < run[1]; i++) {
      if (src.events.time[i]! >= x.time[r]!) continue;
      if (src.events.type[i] === 0) impressions[r]!++;
      else if (src.events.type[i] === 1) clicks[r]!++;
    }
  }
  return [
    { kind: "numeric", name: "earlier impressions", values: impressions },
    { kind: "numeric", name: "earlier clicks", values: clicks },
  ];
}

function clusterOf(src: ScoringSources, x: Exposures): (r: number) => string | null {
  const k = src.clusters;
  if (!k) return () => null;
  return (r) => {
    const i = indexOfSorted(k.ids, x.customer[r]!);
    return i < 0 ? null : (k.names[k.cluster[i]!] ?? null);
  };
}
