import { parseArgs } from "node:util";
import { loadPurchaseHistory } from "../../lib/db/purchase-history";
import { FEATURES, type FeatureId, featureLabel, isCategoryShare } from "../../lib/ml/customer-features";
import { type Transform, TRANSFORMS } from "../../lib/ml/transforms";
import { clusterCustomers } from "../../lib/services/segments/clusters";
import { computeRfmSummary } from "../../lib/services/segments/rfm";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { type Command, parseDateFlag, parseIntegerFlag, UsageError } from "../cli-support";

function parseFeatures(v: string | undefined): FeatureId[] {
  if (!v) return ["recencyDays", "frequency", "monetary"];
  return v.split(",").map((raw) => {
    const name = raw.trim();
    if (isCategoryShare(name)) return name;
    const f = FEATURES.find((x) => x.toLowerCase() === name.toLowerCase());
    if (!f) throw new UsageError(`--features: unknown feature "${name}" (features: ${FEATURES.join(", ")}, or share:<category>)`);
    return f;
  });
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export const segmentCommand: Command = {
  name: "segment",
  summary: "RFM segments and k-means clusters of the customers in the database",
  usage: "segment [--k N|auto] [--features recencyDays,frequency,monetary,…] [--transform none|zscore|log1p-zscore] [--seed N] [--as-of YYYY-MM-DD] [--json]",
  async run(args) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { k: { type: "string", default: "auto" }, features: { type: "string" }, transform: { type: "string", default: "log1p-zscore" }, seed: { type: "string" }, "as-of": { type: "string" }, json: { type: "boolean", default: false } },
    });
    const transform = values.transform as Transform;
    if (!TRANSFORMS.includes(transform)) throw new UsageError(`--transform must be one of ${TRANSFORMS.join(", ")}, got "${values.transform}"`);
    const k = values.k === "auto" ? "auto" : parseIntegerFlag("k", values.k, 0, 2);
    const asOf = parseDateFlag("as-of", values["as-of"]);
    await prepareDatabase({ seedIfEmpty: false });
    const started = performance.now();
    const history = await loadPurchaseHistory(asOf);
    const rfm = await computeRfmSummary(asOf, history);
    const c = await clusterCustomers({ k, features: parseFeatures(values.features), transform, seed: parseIntegerFlag("seed", values.seed, 42), asOf }, history);
    const seconds = round((performance.now() - started) / 1000);
    const json = {
      customers: c.customers,
      asOf: c.asOf,
      rfm: Object.fromEntries(rfm.segments.map((s) => [s.name, s.customers])),
      features: c.features,
      transform: c.transform,
      k: c.k,
      reason: c.suggestion?.reason ?? null,
      tried: c.suggestion?.tried.map((t) => ({ k: t.k, inertia: round(t.inertia), silhouette: round(t.silhouette, 4) })) ?? null,
      inertia: round(c.inertia, 4),
      silhouette: round(c.silhouette, 4),
      iterations: c.iterations,
      sizes: c.sizes,
      centroids: c.centroids.map((row) => row.map((v) => round(v))),
      seconds,
    };
    const lines = [
      `${c.customers} customers with purchases, as of ${c.asOf}. RFM: ${rfm.segments.filter((s) => s.customers).map((s) => `${s.name} ${s.customers}`).join(", ")}.`,
      `k-means on ${c.features.map((f) => featureLabel(f).toLowerCase()).join(", ")} (${transform}): k = ${c.k}, inertia ${json.inertia}, silhouette ${json.silhouette}, in ${seconds} s.`,
      ...(c.suggestion ? [c.suggestion.reason] : []),
      ...c.centroids.map((row, j) => `  cluster ${j + 1}: ${c.sizes[j]} customers; ${row.map((v, i) => `${featureLabel(c.features[i]!).toLowerCase()} ${round(v, 1)}`).join(", ")}`),
    ];
    return { json, text: lines.join("\n") };
  },
};
