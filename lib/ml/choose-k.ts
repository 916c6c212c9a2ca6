// Which k to suggest. On real RFM data the silhouette alone picks k = 2 (high value against low), which
// tells a marketer nothing they did not know. So: find where the inertia curve bends (the "elbow": the k
// farthest below the straight line from the first k to the last, both axes scaled to 0–1), then take the
// best silhouette among the elbow and its neighbours, never below 3 when 3 or more were tried.
import { MlRangeError } from "./errors";

export interface KCandidate {
  k: number;
  inertia: number;
  silhouette: number;
}

export function elbowK(c: readonly KCandidate[]): number {
  if (c.length < 3) return c[0]?.k ?? 0;
  const [k0, k1] = [c[0]!.k, c[c.length - 1]!.k];
  const [hi, lo] = [c[0]!.inertia, c[c.length - 1]!.inertia];
  let best = c[0]!;
  let bestGap = -Infinity;
  for (const x of c) {
    const gap = 1 - (x.k - k0) / (k1 - k0) - (hi === lo ? 0 : (x.inertia - lo) / (hi - lo));
    if (gap > bestGap) [best, bestGap] = [x, gap];
  }
  return best.k;
}

export function suggestK(candidates: readonly KCandidate[]): { k: number; reason: string } {
  const c = [...candidates].sort((a, b) => a.k - b.k);
  if (c.length === 0) throw new MlRangeError("no k was tried");
  const elbow = elbowK(c);
  const floor = c.some((x) => x.k >= 3) ? 3 : 1;
  const near = c.filter((x) => Math.abs(x.k - elbow) <= 1 && x.k >= floor);
  const pick = (near.length ? near : c).reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const topSil = c.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
  const range = near.length > 1 ? `k = ${near[0]!.k}–${near[near.length - 1]!.k}` : `k = ${pick.k}`;
  let reason = `The inertia curve bends at k = ${elbow}; of ${range}, k = ${pick.k} separates the groups best (silhouette ${pick.silhouette.toFixed(2)}).`;
  if (topSil.k !== pick.k) reason += ` k = ${topSil.k} scores a higher silhouette (${topSil.silhouette.toFixed(2)}) but splits the base too coarsely to act on.`;
  return { k: pick.k, reason };
}
