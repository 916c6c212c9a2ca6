// Eight customers for the tests, with binary fractions so every sum below is exact in floating point.
//
//  row  pClick  pConvert  orderValue  conversions  EV   segment
//   0   0.5     0.5        40         0.25         10   A
//   1   0.25    0.5        80         0.125        10   B
//   2   0.5     0.25       32         0.125         4   A
//   3   0.125   1          64         0.125         8   B
//   4   0.25    0.25       16         0.0625        1   (none)
//   5   0.75    0.125      64         0.09375       6   C
//   6   0       0.5       100         0             0   (none)
//   7   1       0.0625     32         0.0625        2   C
//
// EV order (ties by row): 0, 1, 3, 5, 2, 7, 4, 6. Totals: pClick 3.375, conversions 0.84375, EV 41.
import type { TargetingInputs } from "./inputs";

export const SHOP: TargetingInputs = {
  pClick: Float64Array.from([0.5, 0.25, 0.5, 0.125, 0.25, 0.75, 0, 1]),
  pConvert: Float64Array.from([0.5, 0.5, 0.25, 1, 0.25, 0.125, 0.5, 0.0625]),
  orderValue: Float64Array.from([40, 80, 32, 64, 16, 64, 100, 32]),
  segment: ["A", "B", "A", "B", null, "C", null, "C"],
};
