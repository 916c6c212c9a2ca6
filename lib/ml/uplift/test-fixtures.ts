// A seeded campaign whose true effect is known, for the uplift tests: the campaign raises the purchase
// log-odds by 1.5 where x > 0 (persuadables), does nothing for −1 ≤ x ≤ 0, and lowers them by 1.5 where
// x < −1 (sleeping dogs). How likely a customer is to buy anyway depends on w alone, so a model of who buys
// ranks by w and finds nobody in particular; only a model of the difference finds x.
import { createRng, normal } from "../random";
import type { Feature } from "../scoring/features";
import type { UpliftSample } from "./inputs";

export interface SyntheticCampaign extends UpliftSample {
  /** P(y | treated) − P(y | control) per row, from the generating model. */
  readonly trueUplift: Float64Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function effectAt(x: number): number {
  return x > 0 ? 1.5 : x < -1 ? -1.5 : 0;
}

export function syntheticCampaign(rows: number, seed: number, treatedShare = 0.5): SyntheticCampaign {
  const rng = createRng(seed);
  const x = new Float64Array(rows);
  const w = new Float64Array(rows);
  const channel = new Int32Array(rows);
  const outcome = new Uint8Array(rows);
  const treated = new Uint8Array(rows);
  const trueUplift = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = normal(rng);
    w[i] = normal(rng);
    channel[i] = Math.floor(rng.next() * 3);
    treated[i] = rng.next() < treatedShare ? 1 : 0;
    const base = -1 + 0.8 * w[i]!;
    trueUplift[i] = sigmoid(base + effectAt(x[i]!)) - sigmoid(base);
    outcome[i] = rng.next() < sigmoid(base + treated[i]! * effectAt(x[i]!)) ? 1 : 0;
  }
  const features: Feature[] = [
    { kind: "numeric", name: "x", values: x },
    { kind: "numeric", name: "w", values: w },
    { kind: "categorical", name: "channel", codes: channel, levels: ["email", "sms", "app"] },
  ];
  return { table: { rows, features }, outcome, treated, trueUplift };
}
