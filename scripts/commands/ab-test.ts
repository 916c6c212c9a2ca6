import { parseArgs } from "node:util";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { AB_METRICS, isAbMetric } from "../../lib/services/campaigns/ab-arms";
import { analyseTestGroup } from "../../lib/services/campaigns/ab-test";
import { type Command, UsageError } from "../cli-support";

const METRIC_FLAG: Record<string, string> = { ctr: "ctr", "conversion-rate": "conversion-rate", revenue: "revenue", conversions: "conversions" };
const METHODS = ["frequentist", "bayesian", "sequential"] as const;
const r6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

export const abTestCommand: Command = {
  name: "ab-test",
  summary: "an A/B test's arms, comparisons against the control, and its sample ratio check",
  usage: `ab-test --group NAME [--metric ${AB_METRICS.join("|")}] [--method frequentist|bayesian|sequential] [--control VARIANT] [--correction holm|benjamini-hochberg] [--prior ALPHA,BETA] [--split 50,50] [--json]`,
  async run(args) {
    const { values } = parseArgs({ args, strict: true, options: { group: { type: "string" }, prior: { type: "string" }, split: { type: "string" }, metric: { type: "string", default: "ctr" }, method: { type: "string", default: "frequentist" }, control: { type: "string" }, correction: { type: "string", default: "holm" }, json: { type: "boolean", default: false } } });
    if (!values.group) throw new UsageError("--group is required");
    const metric = METRIC_FLAG[values.metric!];
    if (!metric || !isAbMetric(metric)) throw new UsageError(`--metric must be one of ${AB_METRICS.join(", ")}, got "${values.metric}"`);
    const method = METHODS.find((m) => m === values.method);
    if (!method) throw new UsageError(`--method must be one of ${METHODS.join(", ")}, got "${values.method}"`);
    if (values.correction !== "holm" && values.correction !== "benjamini-hochberg") throw new UsageError(`--correction must be holm or benjamini-hochberg, got "${values.correction}"`);
    const numbers = (flag: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const xs = v.split(",").map(Number);
      if (xs.some((x) => !(x > 0) || !Number.isFinite(x))) throw new UsageError(`--${flag} takes positive numbers separated by commas, got "${v}"`);
      return xs;
    };
    const prior = numbers("prior", values.prior);
    if (prior && prior.length !== 2) throw new UsageError(`--prior takes two numbers, alpha and beta (e.g. 1,1), got "${values.prior}"`);
    const split = numbers("split", values.split);
    await prepareDatabase({ seedIfEmpty: false });
    const report = await analyseTestGroup(values.group, { metrics: [metric], method, control: values.control, correction: values.correction, prior: prior ? { alpha: prior[0]!, beta: prior[1]! } : undefined, intendedShares: split });
    const main = report.results[0];
    if (!main) throw new UsageError(`${values.metric} cannot be measured on this test: its events carry no customers (use ctr or conversion-rate)`);
    const res = main.result;
    const json = {
      group: values.group,
      metric,
      method,
      unit: report.unit,
      control: report.control,
      correction: res.correction,
      arms: report.arms.map((a, i) => ({ variant: a.variant, externalId: a.externalId, exposures: main.counts[i]!.exposures, successes: main.counts[i]!.successes, trials: main.counts[i]!.trials, rate: r6(res.arms[i]!.value) })),
      comparisons: res.comparisons.map((c) => ({
        variant: c.variant,
        control: c.control,
        absoluteLift: r6(c.absoluteLift),
        relativeLift: r6(c.relativeLift),
        ci: c.ci ? [r6(c.ci[0]), r6(c.ci[1])] : null,
        ciAbsolute: c.ciAbsolute ? [r6(c.ciAbsolute[0]), r6(c.ciAbsolute[1])] : null,
        pValue: r6(c.pValue),
        adjustedPValue: r6(c.adjustedPValue),
        chanceToBeatControl: r6(c.chanceToBeatControl),
        expectedLoss: c.expectedLoss,
        significant: c.significant,
        outcome: c.outcome,
        verdict: c.verdict,
        reason: c.reason,
      })),
      srm: res.srm ? { pValue: res.srm.pValue, chiSquare: r6(res.srm.chiSquare), flagged: res.srm.flagged } : null,
      power: main.power,
      notes: [...report.notes, ...res.notes],
    };
    const lines = [
      `${report.title}: ${res.metric.label}, ${method}, control ${report.control}, unit ${report.unit}.`,
      ...json.arms.map((a) => `  ${a.variant} (${a.externalId}): ${a.exposures} ${report.unit === "customer" ? "customers" : "impressions"}; ${res.metric.label} ${a.successes} / ${a.trials} = ${a.rate === null ? "–" : a.rate}`),
      ...res.comparisons.map((c) => `  ${c.verdict}`),
      ...(res.srm ? [`Sample ratio: chi-square p = ${res.srm.pValue.toPrecision(3)}${res.srm.flagged ? " — MISMATCH: assignment looks broken, do not trust the verdict" : " (fine)"}.`] : []),
    ];
    return { json, text: lines.join("\n") };
  },
};
