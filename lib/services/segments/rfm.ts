// RFM for the whole customer base: history from the database, scores and named segments from lib/ml, and
// the summary the segments page and the CLI show.
import { whileUnchanged } from "../../db/data-cache";
import { loadPurchaseHistory, type PurchaseHistory, purchaseDataStamp } from "../../db/purchase-history";
import { UserError } from "../../errors";
import { customerFeatures } from "../../ml/customer-features";
import { RFM_SEGMENTS, type RfmCuts, rfmMovement, scoreRfm } from "../../ml/rfm";
import { indexOfSorted } from "../../ml/sorted";

export interface RfmSegmentSummary {
  name: string;
  description: string;
  rule: string;
  customers: number;
  share: number;
  revenue: number;
  revenueShare: number;
  medianRecencyDays: number;
  medianOrders: number;
}

export interface RfmSummary {
  asOf: string;
  customers: number;
  revenue: number;
  segments: RfmSegmentSummary[];
  /** grid[r - 1][f - 1]: customers with that R and F score. */
  grid: number[][];
  cuts: RfmCuts;
  seconds: number;
}

const range = (label: string, [lo, hi]: readonly [number, number]) => (lo === hi ? `${label} ${lo}` : `${label} ${lo}–${hi}`);

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The RFM summary as of the default date, kept while the data is unchanged (the segments page's view). */
export async function currentRfmSummary(): Promise<RfmSummary> {
  return whileUnchanged("rfm summary", [purchaseDataStamp], () => computeRfmSummary());
}

/** `history` lets a caller that already loaded it (for clustering on the same date) skip the second query. */
export async function computeRfmSummary(asOf?: number, history?: PurchaseHistory): Promise<RfmSummary> {
  return summarise(history ?? (await loadPurchaseHistory(asOf)));
}

function summarise(history: PurchaseHistory): RfmSummary {
  const started = performance.now();
  const f = customerFeatures(history);
  const scores = scoreRfm({ recencyDays: f.recencyDays, frequency: f.frequency, monetary: f.monetary });
  const n = history.customerId.length;
  const revenue = f.monetary.reduce((a, b) => a + b, 0);
  const grid = Array.from({ length: 5 }, () => Array<number>(5).fill(0));
  const members = RFM_SEGMENTS.map(() => ({ revenue: 0, recency: [] as number[], orders: [] as number[] }));
  for (let i = 0; i < n; i++) {
    grid[scores.r[i]! - 1]![scores.f[i]! - 1]!++;
    const m = members[scores.segment[i]!]!;
    m.revenue += f.monetary[i]!;
    m.recency.push(f.recencyDays[i]!);
    m.orders.push(f.frequency[i]!);
  }
  const segments = RFM_SEGMENTS.map((s, j) => ({
    name: s.name,
    description: s.description,
    rule: `${range("R", s.r)}, ${range("F", s.f)}`,
    customers: members[j]!.recency.length,
    share: n ? members[j]!.recency.length / n : 0,
    revenue: members[j]!.revenue,
    revenueShare: revenue ? members[j]!.revenue / revenue : 0,
    medianRecencyDays: median(members[j]!.recency),
    medianOrders: median(members[j]!.orders),
  }));
  return { asOf: new Date(history.asOf).toISOString().slice(0, 10), customers: n, revenue, segments, grid, cuts: scores.cuts, seconds: (performance.now() - started) / 1000 };
}

export interface RfmMovementSummary {
  from: string;
  to: string;
  rows: { segment: string; customers: number; stayed: number; moves: { to: string; customers: number; share: number }[] }[];
  arrived: number;
}

async function scoredAt(asOf: number) {
  const h = await loadPurchaseHistory(asOf);
  const f = customerFeatures(h);
  return { ids: h.customerId, segment: scoreRfm({ recencyDays: f.recencyDays, frequency: f.frequency, monetary: f.monetary }).segment };
}

/** Where each segment's customers at `fromAsOf` stood at `toAsOf`: what share of Loyal became At risk. */
export async function computeRfmMovement(fromAsOf: number, toAsOf: number): Promise<RfmMovementSummary> {
  if (!(fromAsOf < toAsOf)) throw new UserError("the first date must come before the second");
  const m = rfmMovement(await scoredAt(fromAsOf), await scoredAt(toAsOf));
  const rows = RFM_SEGMENTS.map((s, i) => {
    const customers = m.counts[i]!.reduce((a, b) => a + b, 0);
    const moves = RFM_SEGMENTS.map((t, j) => ({ to: t.name, customers: m.counts[i]![j]!, share: customers ? m.counts[i]![j]! / customers : 0 }))
      .filter((x, j) => j !== i && x.customers > 0)
      .sort((a, b) => b.customers - a.customers);
    return { segment: s.name, customers, stayed: m.counts[i]![i]!, moves };
  });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(fromAsOf), to: day(toAsOf), rows, arrived: m.arrived.reduce((a, b) => a + b, 0) };
}

export interface CustomerRfm {
  asOf: string;
  r: number;
  f: number;
  m: number;
  segment: string;
  description: string;
}

// Everyone's scores as of the default date, kept while the data is unchanged: one customer's page then
// costs a lookup, not the whole base's history (0.4–0.7 s at 100,000 customers).
function scoredBase() {
  return whileUnchanged("rfm scores", [purchaseDataStamp], async () => {
    const history = await loadPurchaseHistory();
    const f = customerFeatures(history);
    return { ids: history.customerId, scores: scoreRfm({ recencyDays: f.recencyDays, frequency: f.frequency, monetary: f.monetary }), asOf: history.asOf };
  });
}

/** A customer's RFM scores and segment as of the default date (scores are quintiles of the whole base). */
export async function rfmOfCustomer(customerId: number): Promise<CustomerRfm | null> {
  const { ids, scores, asOf } = await scoredBase();
  const i = indexOfSorted(ids, customerId);
  if (i < 0) return null;
  const seg = RFM_SEGMENTS[scores.segment[i]!]!;
  return { asOf: new Date(asOf).toISOString().slice(0, 10), r: scores.r[i]!, f: scores.f[i]!, m: scores.m[i]!, segment: seg.name, description: seg.description };
}

/** Everyone's RFM segment as of the default date: ascending customer ids beside segment indices into RFM_SEGMENTS. */
export async function rfmSegmentsOfCustomers(): Promise<{ ids: Int32Array; segment: ArrayLike<number>; names: string[] }> {
  const { ids, scores } = await scoredBase();
  return { ids, segment: scores.segment, names: RFM_SEGMENTS.map((s) => s.name) };
}
