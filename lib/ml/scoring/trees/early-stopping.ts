// Early stopping for boosting as scikit-learn's HistGradientBoosting does it: a stratified, seeded validation
// split, the validation log-loss after every iteration, and a stop once none of the last `nIterNoChange`
// losses improved on the one before them by more than `tolerance`. The trees grown so far are kept.

/** Mean log-loss of margins against labels, log(1 + e^m) − y·m computed without overflow. */
export function meanLogLoss(margins: Float64Array, label: Uint8Array, rows: Int32Array | null): number {
  const n = rows ? rows.length : margins.length;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const m = margins[i]!;
    sum += (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) - label[i]! * m;
  }
  return sum / n;
}

/**
 * scikit-learn's _should_stop on losses (its scores are −loss): with the loss before the first tree at
 * losses[0], stop when each of the last n losses is no better than the one n + 1 back, less the tolerance.
 */
export function shouldStop(losses: readonly number[], n: number, tolerance: number): boolean {
  if (losses.length < n + 1) return false;
  const reference = losses[losses.length - n - 1]! - tolerance;
  for (let k = losses.length - n; k < losses.length; k++) if (losses[k]! < reference) return false;
  return true;
}
