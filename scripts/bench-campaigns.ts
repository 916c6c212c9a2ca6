// npm run bench:campaigns -- [--customers N] [--events N] [--runs N]
// Times the campaign services in process on the benchmark database bench:pages seeds (run it first at
// the same size): the A/B result, attribution over all touches and purchases, a campaign report and the
// segment breakdowns. Goals (issue 13): A/B under 100 ms; attribution under 10 s at 100,000 customers.
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { customers: { type: "string", default: "5000" }, events: { type: "string", default: "150000" }, runs: { type: "string", default: "5" } } });
const file = path.resolve("data", `bench-${values.customers}c-${values.events}e.db`);
if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench:pages -- --customers ${values.customers} --events ${values.events} first`);
process.env.DATABASE_URL = `file:${file}`;

const { analyseTestGroup } = await import("../lib/services/campaigns/ab-test");
const { computeAttribution } = await import("../lib/services/campaigns/attribution");
const { getBreakdown } = await import("../lib/services/campaigns/breakdown");
const { getCampaignReport } = await import("../lib/services/campaigns/report");
const { getCampaignSpan } = await import("../lib/db/campaigns");
const { resolveRange } = await import("../lib/analytics/date-range");
const { countAttributionInputs } = await import("../lib/db/attribution-data");

const runs = Number(values.runs);
const range = resolveRange({ range: "all" }, await getCampaignSpan(), new Date());

async function time(label: string, f: () => Promise<unknown>, n = runs) {
  const first = performance.now();
  await f();
  const cold = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)}${cold.toFixed(0).padStart(10)}${times[times.length >> 1]!.toFixed(0).padStart(10)}`);
}

const inputs = await countAttributionInputs();
console.log(`${values.customers} customers, ${values.events} events, ${inputs.clicks} campaign clicks of known customers, ${inputs.purchaseLines} purchase lines`);
console.log(`${"".padEnd(52)}${"first ms".padStart(10)}${"median ms".padStart(10)}`);
await time("A/B test, CTR only (frequentist)", () => analyseTestGroup("mid-season-subject-line", { metrics: ["ctr"] }));
await time("A/B test, every metric (bayesian)", () => analyseTestGroup("mid-season-subject-line", { method: "bayesian" }));
await time("campaign report (campaign 2, by week)", () => getCampaignReport(2, range, "week"));
await time("breakdown by RFM segment, all campaigns", () => getBreakdown("rfm", range));
await time("breakdown by age band, all campaigns", () => getBreakdown("age-band", range));
await time("attribution, clicks, every model", () => computeAttribution(), Math.min(runs, 2));
await time("attribution, clicks and impressions, every model", () => computeAttribution({ includeImpressions: true }), 1);
process.exit(0);
