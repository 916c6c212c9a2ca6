// Lookups in ascending typed arrays (CSR rows, id maps): one binary search, shared.

/** Index of `value` in the ascending `a[from..to)`, or −1 when it is not there. */
export function indexOfSorted(a: ArrayLike<number>, value: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && a[lo] === value ? lo : -1;
}
