// Numbers as the targeting sentences show them: percents rounded to at most `digits` decimals, bids in cents.

/** 0.48 → "48%", 0.125 → "12.5%" (digits 1), 0.476 → "48%" (digits 0). */
export function percentText(ratio: number, digits = 1): string {
  const scale = 10 ** digits;
  const p = Math.round(ratio * 100 * scale) / scale;
  return `${Object.is(p, -0) ? 0 : p}%`;
}

// A highest bid is rounded down to the cent: shown rounded up, paying it would miss the target. The 1e-6 of a
// cent keeps a bid of 0.42 that arithmetic left at 0.41999999999999993 from showing as 0.41.
export function bidText(amount: number, currency: string): string {
  return `${currency}${(Math.floor(amount * 100 + 1e-6) / 100).toFixed(2)}`;
}
