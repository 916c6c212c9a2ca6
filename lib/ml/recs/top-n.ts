// Picking the n best items from a dense score vector, skipping excluded ones. A bounded min-heap keeps it
// O(items · log n) with no sort of the whole catalogue. Ties go to the lower item index, so results are
// the same on every run and in batch or one by one.
import { MlRangeError } from "../errors";

export interface TopN {
  readonly items: Int32Array;
  readonly scores: Float32Array;
}

/**
 * @param exclude  optional mask over items: non-zero means never return this item.
 * @param seen     optional sorted item indices also to skip (the user's own history when excluded).
 * Items scored -Infinity or NaN are never returned.
 */
export function selectTopN(scores: ArrayLike<number>, n: number, exclude?: Uint8Array, seen?: Int32Array): TopN {
  if (!Number.isInteger(n) || n < 0) throw new MlRangeError(`n must be a whole number of at least 0, got ${n}`);
  const heapItems = new Int32Array(n);
  const heapScores = new Float64Array(n);
  let size = 0;
  let s = 0;
  const m = scores.length;
  // Worse = lower score, or equal score with a higher index (so lower index wins ties).
  const worse = (i: number, j: number) => heapScores[i]! < heapScores[j]! || (heapScores[i] === heapScores[j] && heapItems[i]! > heapItems[j]!);
  const swap = (i: number, j: number) => {
    const ti = heapItems[i]!;
    heapItems[i] = heapItems[j]!;
    heapItems[j] = ti;
    const ts = heapScores[i]!;
    heapScores[i] = heapScores[j]!;
    heapScores[j] = ts;
  };
  for (let item = 0; item < m && n > 0; item++) {
    if (exclude && exclude[item]) continue;
    if (seen) {
      while (s < seen.length && seen[s]! < item) s++;
      if (s < seen.length && seen[s] === item) continue;
    }
    const v = scores[item]!;
    if (!(v > -Infinity)) continue;
    if (size < n) {
      heapItems[size] = item;
      heapScores[size] = v;
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(i, p)) break;
        swap(i, p);
        i = p;
      }
    } else if (v > heapScores[0]!) {
      heapItems[0] = item;
      heapScores[0] = v;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < size && worse(l, w)) w = l;
        if (r < size && worse(r, w)) w = r;
        if (w === i) break;
        swap(i, w);
        i = w;
      }
    }
  }
  // Compared, not subtracted: two +Infinity scores would subtract to NaN.
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => (heapScores[b]! > heapScores[a]! ? 1 : heapScores[b]! < heapScores[a]! ? -1 : heapItems[a]! - heapItems[b]!));
  return { items: Int32Array.from(order, (i) => heapItems[i]!), scores: Float32Array.from(order, (i) => heapScores[i]!) };
}
