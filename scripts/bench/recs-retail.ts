// bench:recs part 2: UCI Online Retail split in time at 2011-11-01 (train before, test on and after), scored
// twice: "new items only" (a customer's earlier purchases are neither relevant nor recommended) and "all
// purchases" (re-purchases count, and seen items may be recommended, which is where buy-again earns its keep).
import { evaluateRecommenders, type EvaluationRow } from "../../lib/ml/recs/eval/evaluate";
import { heldOutOf, timeSplit, trainingDataOf, type Relevance } from "../../lib/ml/recs/eval/splits";
import { RECOMMENDERS } from "../../lib/ml/recs/registry";
import { readOnlineRetail } from "../recs/datasets";
import type { AlgorithmName } from "../../lib/ml/recs/types";
import { f4, fitOnce, goal, okRow, scoreHeader, scoreRow, tunedCandidates } from "./recs-report";

const K = 10;
const CUTOFF = "2011-11-01";
/** ALS only: EASE's items³ fit at 3,665 items (~18 s) makes a grid too slow for a benchmark run. */
const TUNE: Partial<Record<AlgorithmName, unknown[]>> = {
  als: [20, 50, 100].flatMap((regularization) => [5, 10].map((alpha) => ({ regularization, alpha }))),
};

export async function benchRetail(file: string, log: (line: string) => void): Promise<void> {
  const data = await readOnlineRetail(file);
  const size = { users: data.userIds.length, items: data.itemIds.length };
  const split = timeSplit(data.log, { ...size, cutoff: Date.parse(`${CUTOFF}T00:00:00Z`) });
  // One training set for both relevance modes, so fitOnce reuses each model.
  const train = trainingDataOf(split, { itemText: data.itemText });
  console.log(`\n## UCI Online Retail: ${size.users} customers × ${size.items} products, ${data.log.user.length} purchase lines (weight 1 per line); time split at ${CUTOFF}: ${split.train.user.length} lines before, ${split.test.user.length} on or after; k = ${K}`);
  const registered = Object.entries(RECOMMENDERS).map(([name, recommender]) => ({ name, recommender: recommender! }));
  const candidates = [...registered, ...tunedCandidates(TUNE, train, K, log)].map((c) => ({ ...c, recommender: fitOnce(c.recommender) }));
  const results: Partial<Record<Relevance, EvaluationRow[]>> = {};
  for (const relevance of ["new-items", "all"] as const) {
    const heldOut = heldOutOf(split, train.matrix, relevance);
    const excludeSeen = relevance === "new-items";
    const rows = evaluateRecommenders(candidates, { train, heldOut }, { k: K, excludeSeen, onProgress: log });
    results[relevance] = rows;
    const title = relevance === "new-items" ? "New items only: relevant = products the customer had not bought before the cut-off; bought ones excluded" : "All purchases: every product bought on or after the cut-off is relevant; bought ones may be recommended";
    console.log(`\n### ${title} (${heldOut.users.length} customers with a training history; fit s is 0 where the first run's model was reused)\n${scoreHeader(K)}`);
    for (const r of rows) console.log(scoreRow(r, K));
  }
  goals(results["new-items"]!, results.all!);
}

function goals(fresh: readonly EvaluationRow[], all: readonly EvaluationRow[]): void {
  const pop = okRow(fresh, "popularity");
  const best = fresh.filter((r) => r.ok && r.name !== "popularity").sort((a, b) => (b.ok ? b.ndcg : 0) - (a.ok ? a.ndcg : 0))[0];
  const bestNdcg = best?.ok ? best.ndcg : undefined;
  const met = pop && bestNdcg !== undefined ? bestNdcg >= 2.5 * pop.ndcg : null;
  console.log(`goal best ≥ 2.5× popularity's nDCG@10 on new items: ${goal(met)} (${best?.name ?? "no model"} ${f4(bestNdcg)} vs popularity ${f4(pop?.ndcg)}${pop && bestNdcg !== undefined ? `, ${(bestNdcg / pop.ndcg).toFixed(2)}×` : ""})`);
  const hybrid = okRow(all, "hybrid");
  const buyAgain = okRow(all, "buy-again");
  console.log(`goal on all purchases the hybrid beats buy-again alone: ${goal(hybrid && buyAgain ? hybrid.ndcg > buyAgain.ndcg : null)} (hybrid ${hybrid ? f4(hybrid.ndcg) : "not available"}, buy-again ${buyAgain ? f4(buyAgain.ndcg) : "not available"})`);
}
