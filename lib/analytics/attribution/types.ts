// The shapes attribution reads and returns. Everything is columnar typed arrays over dense indices: a service maps
// database ids to 0..n-1 and back, so 600k touches cost four buffers rather than 600k objects.

/** Campaign touches, sorted by customer then time (ascending). */
export interface Touches {
  /** Dense customer index. */
  customer: Int32Array;
  /** Epoch ms. */
  time: Float64Array;
  /** Dense campaign index 0..campaignCount-1. */
  campaign: Int32Array;
  /** 1 = click, 0 = impression. */
  isClick: Uint8Array;
}

/** Purchase events of known customers, sorted by customer then time. */
export interface Purchases {
  customer: Int32Array;
  time: Float64Array;
  revenue: Float64Array;
}

/**
 * One path per attributed purchase, in CSR form: path p is the entries start[p] .. start[p+1]-1, oldest touch first,
 * holding only the touches inside that purchase's window (so only clicks unless impressions were included).
 */
export interface ConvertingPaths {
  /** Length paths + 1. */
  start: Int32Array;
  /** Per entry: the touch's index in {@link Touches}, its campaign, its kind, and purchase time − touch time (≥ 0). */
  touch: Int32Array;
  campaign: Int32Array;
  isClick: Uint8Array;
  ageMs: Float64Array;
  /** Per path: the purchase's index in {@link Purchases}, and its revenue. */
  purchase: Int32Array;
  revenue: Float64Array;
}

/** Runs of touches that no purchase claimed (see buildJourneys), CSR like {@link ConvertingPaths}. */
export interface NonConvertingPaths {
  start: Int32Array;
  touch: Int32Array;
  campaign: Int32Array;
}

export interface Journeys {
  converting: ConvertingPaths;
  nonConverting: NonConvertingPaths;
  /** Purchases with no touch in their window (organic): counted, credited to no one. */
  unattributedPurchases: number;
  unattributedRevenue: number;
  /** 1 + the highest campaign index on any path (0 when there are none): `stateOf` must be at least this long. */
  campaignSpan: number;
}

/** Credit per state (campaign or channel index), fractional. */
export interface Credit {
  purchases: Float64Array;
  revenue: Float64Array;
}

export interface AttributionSummary {
  attributedPurchases: number;
  attributedRevenue: number;
  unattributedPurchases: number;
  unattributedRevenue: number;
  /** Converting paths: one per attributed purchase, so equal to attributedPurchases. */
  journeys: number;
  nonConvertingPaths: number;
}
