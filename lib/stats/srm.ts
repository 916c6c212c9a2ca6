// Sample ratio mismatch: does the split of units over arms match the split the test was set up with?
// A mismatch (bots filtered in one arm, a redirect that loses users) biases every figure of the test,
// so it is flagged at p < 0.001, the threshold the experimentation literature uses to keep false
// alarms rare when the check runs on every test, every day.
import { MlRangeError } from "../ml/errors";
import { checkCount } from "./checks";
import { chiSquareSf } from "./distributions";
import type { SrmResult } from "./types";

export const SRM_THRESHOLD = 0.001;

/** Chi-square goodness of fit of the observed units per arm to the intended shares (equal by default). */
export function sampleRatioMismatch(observed: readonly number[], intendedShares?: readonly number[]): SrmResult | null {
  observed.forEach((o, i) => checkCount(o, `observed units of arm ${i}`));
  if (intendedShares !== undefined) {
    if (intendedShares.length !== observed.length) {
      throw new MlRangeError(`intendedShares has ${intendedShares.length} entries for ${observed.length} arms`);
    }
    intendedShares.forEach((s, i) => {
      if (!(s > 0) || !Number.isFinite(s)) throw new MlRangeError(`intended share of arm ${i} must be > 0, got ${s}`);
    });
  }
  const total = observed.reduce((a, b) => a + b, 0);
  if (observed.length < 2 || total === 0) return null;
  const shares = intendedShares ?? observed.map(() => 1);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const expected = shares.map((s) => (total * s) / shareSum);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    chiSquare += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  const pValue = chiSquareSf(chiSquare, df);
  return { chiSquare, df, pValue, flagged: pValue < SRM_THRESHOLD, observed: [...observed], expected };
}
