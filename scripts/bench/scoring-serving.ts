// bench:scoring, part 2 (run by scripts/bench-scoring.ts in its own process): the scoring job and serving
// on a shop at benchmark size. Trains logistic regression and boosted trees on every impression of the
// database in DATABASE_URL (a copy of the bench:pages shop), then times scoring every customer (inputs
// read and table built, then the models alone) and one customer's score with its reasons.
import { getDb } from "../../lib/db/client";
import { SCORING_JOB } from "../../lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "../../lib/services/jobs/runner";
import { loadScoringRun, scoreAllCustomers, scoreCustomer, setupOf } from "../../lib/services/scoring/serving";
import { loadScoringInputs } from "../../lib/services/scoring/training-data";

const seconds = (t: number) => ((performance.now() - t) / 1000).toFixed(2);

async function main() {
  let t = performance.now();
  const id = await enqueueJob(SCORING_JOB, { target: "click", models: ["logistic", "gbt"], split: "time", testShare: 0.2, seed: 42 });
  const job = await runJobHere(id);
  if (job.status !== "completed") throw new Error(`training failed: ${job.message}`);
  const run = (await loadScoringRun(id))!;
  const r = run.result;
  console.log(`Training job (logistic with 5-fold penalty choice, boosted trees, drivers) on ${r.rows.train.toLocaleString("en")} + ${r.rows.test.toLocaleString("en")} impressions: ${seconds(t)} s.`);
  for (const e of r.evaluations) console.log(`  ${e.kind}: time-split test AUC ${e.auc.toFixed(4)} (${e.aucLow.toFixed(3)}–${e.aucHigh.toFixed(3)}), fit ${e.fitSeconds.toFixed(1)} s${e.tuningSeconds ? ` + ${e.tuningSeconds.toFixed(1)} s penalty choice` : ""}`);
  t = performance.now();
  const inputs = await loadScoringInputs();
  const load = seconds(t);
  for (const kind of ["logistic", "gbt"]) {
    const started = performance.now();
    const s = await scoreAllCustomers(run, kind, setupOf(run), inputs);
    console.log(`Scoring all ${s.ids.length.toLocaleString("en")} customers with ${kind} (goal under 2 s): ${seconds(started)} s for the table and the model, after ${load} s reading the inputs.`);
  }
  const customer = await getDb().customer.findFirstOrThrow({ where: { campaignEvents: { some: {} } }, orderBy: { id: "asc" } });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    await scoreCustomer(customer.id, { runId: id, model: "gbt" });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`One customer's score with reasons (gbt, the API's work): median ${times[3]!.toFixed(0)} ms over 7.`);
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
