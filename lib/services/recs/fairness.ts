// The fairness report of a recommender: for a completed offline evaluation (the latest unless told) and one
// of its algorithms (its best by nDCG unless told), each held-out customer's nDCG@k and the categories of
// the items recommended to them, compared by gender, age band, country, an imported attribute and their
// pairs (lib/ml/fairness). The evaluation stores only mean metrics, so the lists are recomputed the way the
// evaluation made them: the same split of the events with the same seed (loadEvaluationData), the same
// algorithm fitted on its training part with default options, ranked with the same options. When the data
// has changed since, the recomputed mean nDCG differs from the stored one, and the report says so.
import { z } from "zod";
import { getJobResult, listJobRows } from "../../db/jobs";
import { purchaseDataStamp } from "../../db/purchase-history";
import { catalogueStamp } from "../../db/recs-data";
import { countCustomers, loadCustomerFacts } from "../../db/scoring-data";
import { UserError, userErrorFromMl } from "../../errors";
import { recommenderFairness, summariseRecommenderFairness, type ExposureDifference, type GroupAttribute, type GroupNdcg, type RecommenderFairnessReport } from "../../ml/fairness";
import { CROSS, isUnknown } from "../../ml/fairness/grouping";
import { evaluateRecommenders } from "../../ml/recs/eval/evaluate";
import { rankingMetrics } from "../../ml/recs/eval/metrics";
import { recommenderNamed } from "../../ml/recs/registry";
import type { AlgorithmName } from "../../ml/recs/types";
import { indexOfSorted } from "../../ml/sorted";
import { readStored } from "../../stored-json";
import { MinGroupSize } from "../fairness/report-settings";
import { attributeGroupsOf, attributeNamesOf, groupsOf } from "../scoring/fairness";
import { EVALUATION_RUN_KIND, EVALUATION_SHAPES, type EvaluationResult, latestEvaluation, loadEvaluationData, rankingOptionsOf } from "./evaluation";

export const RecsFairnessRequest = z.object({
  evaluationId: z.number({ error: "the evaluation must be a job id" }).int("the evaluation must be a job id").min(1, "the evaluation must be a job id").optional(),
  algorithm: z.string({ error: "the algorithm must be a name" }).trim().min(1, "the algorithm must not be empty").max(60, "an algorithm name has at most 60 characters").optional(),
  minGroupSize: MinGroupSize,
  attribute: z.string({ error: "the attribute must be a name" }).trim().min(1, "the attribute must not be empty").max(100, "an attribute name has at most 100 characters").optional(),
});
export type RecsFairnessRequest = z.input<typeof RecsFairnessRequest>;

/** A group served clearly worse than its attribute's best: under FLAG_RATIO of its nDCG, intervals apart. */
export interface NdcgFlag {
  readonly group: GroupNdcg;
  readonly best: GroupNdcg;
}

export interface RecsFairness {
  readonly evaluationId: number;
  readonly finishedAt: Date;
  readonly settings: EvaluationResult["settings"];
  readonly algorithm: AlgorithmName;
  /** The evaluation's best algorithm by nDCG, and every algorithm it evaluated successfully. */
  readonly bestAlgorithm: AlgorithmName;
  readonly algorithms: readonly AlgorithmName[];
  /** Held-out customers evaluated now, and their mean nDCG@k; beside what the evaluation stored. */
  readonly users: number;
  readonly meanNdcg: number;
  readonly storedUsers: number;
  readonly storedNdcg: number;
  readonly matchesStored: boolean;
  /** Products the lists are drawn from (the catalogue the shares are of). */
  readonly products: number;
  readonly attributeNames: readonly string[];
  /** Pairs of attributes compared; only their groups of at least minGroupSize customers are listed. */
  readonly intersections: readonly string[];
  readonly flags: readonly NdcgFlag[];
  readonly report: RecommenderFairnessReport;
}

/** The four-fifths rule the scoring report flags selection rates by, applied to nDCG. */
export const FLAG_RATIO = 0.8;
const NO_CATEGORY = "no category";

export async function recommenderFairnessReport(input: RecsFairnessRequest): Promise<RecsFairness> {
  const parsed = RecsFairnessRequest.safeParse(input);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((i) => i.message).join("; "));
  const request = parsed.data;
  const run = request.evaluationId === undefined ? await latestEvaluation() : await loadEvaluation(request.evaluationId);
  if (!run) throw new UserError(request.evaluationId === undefined ? "the recommenders have not been evaluated yet. Run an evaluation on the Recommendations › Evaluation page first" : `there is no completed recommender evaluation ${request.evaluationId}`, "not_found");
  const { row, best, algorithms } = pickAlgorithm(run.id, run.result, request.algorithm);
  const facts = await loadCustomerFacts();
  const attributeNames = attributeNamesOf(facts.attributes);
  if (request.attribute !== undefined && !attributeNames.includes(request.attribute)) {
    throw new UserError(`no customer has an attribute "${request.attribute}" (${attributeNames.length ? `attributes: ${attributeNames.join(", ")}` : "customers have no imported attributes"})`);
  }
  const lists = await recomputedLists(run.id, run.result, row.name);
  const rows = Int32Array.from(lists.customerIds, (id) => indexOfSorted(facts.ids, id));
  const single = groupsOf(facts, rows, attributeGroupsOf(request.attribute === undefined ? [] : [request.attribute]));
  const pairs = pairsOf(single);
  try {
    const full = recommenderFairness({ groups: [...single, ...pairs], ndcg: lists.ndcg, recommendations: lists.categories, catalogueShares: lists.catalogueShares, minGroupSize: request.minGroupSize });
    const report = withSizedIntersections(full, new Set(pairs.map((p) => p.name)));
    return {
      evaluationId: run.id,
      finishedAt: run.finishedAt,
      settings: run.result.settings,
      algorithm: row.name as AlgorithmName,
      bestAlgorithm: best,
      algorithms,
      users: lists.ndcg.length,
      meanNdcg: lists.meanNdcg,
      storedUsers: row.users,
      storedNdcg: row.ndcg,
      // The same data gives the same lists; any difference is data imported or erased since.
      matchesStored: lists.ndcg.length === row.users && Math.abs(lists.meanNdcg - row.ndcg) < 1e-9,
      products: lists.products,
      attributeNames,
      intersections: pairs.map((p) => p.name),
      flags: flagsOf(report.ndcg),
      report,
    };
  } catch (e) {
    throw userErrorFromMl(e);
  }
}

/** Completed evaluations, newest first, for choosing one. */
export async function listEvaluations(take = 20): Promise<{ id: number; finishedAt: Date | null }[]> {
  const rows = await listJobRows({ kind: EVALUATION_RUN_KIND, take });
  return rows.filter((r) => r.status === "completed").map((r) => ({ id: r.id, finishedAt: r.finishedAt }));
}

async function loadEvaluation(id: number) {
  const run = await getJobResult(id);
  if (!run || run.kind !== EVALUATION_RUN_KIND) return null;
  return { ...run, result: readStored(EVALUATION_SHAPES.result, run.result, `run ${run.id}`) };
}

function pickAlgorithm(id: number, result: EvaluationResult, asked: string | undefined) {
  const ok = result.rows.filter((r): r is Extract<EvaluationResult["rows"][number], { ok: true }> => r.ok);
  if (ok.length === 0) throw new UserError(`no algorithm could be evaluated in evaluation ${id}: run an evaluation on the Recommendations › Evaluation page again`);
  const best = ok.reduce((b, r) => (r.ndcg > b.ndcg ? r : b));
  const algorithms = ok.map((r) => r.name as AlgorithmName);
  if (asked === undefined) return { row: best, best: best.name as AlgorithmName, algorithms };
  const row = ok.find((r) => r.name === asked);
  if (row) return { row, best: best.name as AlgorithmName, algorithms };
  const failed = result.rows.find((r) => r.name === asked && !r.ok);
  if (failed && !failed.ok) throw new UserError(`${asked} could not be evaluated in evaluation ${id} (${failed.error}); algorithms: ${algorithms.join(", ")}`);
  throw new UserError(`evaluation ${id} has no algorithm "${asked}" (algorithms: ${algorithms.join(", ")})`);
}

interface RecomputedLists {
  /** Customer.id of each held-out customer, ascending. */
  readonly customerIds: Int32Array;
  readonly ndcg: Float64Array;
  /** The category of each recommended item, per customer. */
  readonly categories: readonly (readonly string[])[];
  readonly catalogueShares: Record<string, number>;
  readonly products: number;
  readonly meanNdcg: number;
}

// A re-fit costs what one algorithm's row of the evaluation did (seconds to minutes on a large shop):
// kept for the form's other settings (group size, attribute) until the data or the choice changes.
let cached: { key: string; lists: RecomputedLists } | null = null;

async function recomputedLists(evaluationId: number, result: EvaluationResult, name: string): Promise<RecomputedLists> {
  const [events, products] = await Promise.all([purchaseDataStamp(), catalogueStamp()]);
  const key = `${evaluationId}|${name}|${events}|${products}|${await countCustomers()}`;
  if (cached?.key === key) return cached.lists;
  const { set, customerIds, catalogue } = await loadEvaluationData(result.settings);
  const options = rankingOptionsOf(result.settings);
  const [row] = evaluateRecommenders([{ name, recommender: recommenderNamed(name) }], set, { ...options, keepLists: true });
  if (!row?.ok) throw new UserError(`${name} could not be fitted on this evaluation's data now (${row && !row.ok ? row.error : "no result"})`);
  const lists = row.lists!;
  const { users, relevant } = set.heldOut;
  const categoryOf = (item: number) => catalogue.categories[item] ?? NO_CATEGORY;
  const counts: Record<string, number> = {};
  for (let i = 0; i < catalogue.productIds.length; i++) counts[categoryOf(i)] = (counts[categoryOf(i)] ?? 0) + 1;
  const ndcg = Float64Array.from(lists, (list, i) => rankingMetrics(list, relevant[i]!, options.k).ndcg);
  const value: RecomputedLists = {
    customerIds: Int32Array.from(users, (u) => customerIds[u]!),
    ndcg,
    categories: lists.map((list) => Array.from(list, categoryOf)),
    catalogueShares: Object.fromEntries(Object.entries(counts).map(([c, n]) => [c, n / catalogue.productIds.length])),
    products: catalogue.productIds.length,
    // Summed in the order scoreLists sums, so the same lists give the stored mean to the last digit.
    meanNdcg: ndcg.reduce((a, b) => a + b, 0) / ndcg.length,
  };
  cached = { key, lists: value };
  return value;
}

/** Every pair of attributes as one, "x × y" where both are known. */
function pairsOf(groups: readonly GroupAttribute[]): GroupAttribute[] {
  const out: GroupAttribute[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const [a, b] = [groups[i]!, groups[j]!];
      out.push({ name: `${a.name}${CROSS}${b.name}`, values: a.values.map((v, r) => (isUnknown(v) || isUnknown(b.values[r]!) ? null : `${v}${CROSS}${b.values[r]}`)) });
    }
  }
  return out;
}

/**
 * Pairs keep only their groups of at least minGroupSize, as in the scoring report. The sentences cover
 * every single attribute, and of the pairs only the least-served group and the largest exposure difference
 * (a sentence per pair would bury the rest: six pairs with an imported attribute).
 */
function withSizedIntersections(r: RecommenderFairnessReport, pairs: ReadonlySet<string>): RecommenderFairnessReport {
  const keep = (g: { attribute: string; unknown: boolean; tooSmall: boolean }) => !pairs.has(g.attribute) || (!g.unknown && !g.tooSmall);
  const findings = { minGroupSize: r.minGroupSize, ndcg: r.ndcg.filter(keep), exposure: r.exposure.filter(keep), largestExposureDifferences: r.largestExposureDifferences };
  const isPair = (g: { attribute: string }) => pairs.has(g.attribute);
  const worst = findings.ndcg.filter((g) => isPair(g) && g.ratioToBest !== null).reduce<GroupNdcg | null>((w, g) => (w === null || g.ratioToBest! < w.ratioToBest! ? g : w), null);
  const widest = findings.largestExposureDifferences.filter(isPair).reduce<ExposureDifference | null>((w, d) => (w === null || Math.abs(d.difference) > Math.abs(w.difference) ? d : w), null);
  const told = {
    ...findings,
    ndcg: findings.ndcg.filter((g) => !isPair(g) || g.attribute === worst?.attribute),
    largestExposureDifferences: findings.largestExposureDifferences.filter((d) => !isPair(d) || d === widest),
  };
  return { ...findings, summary: summariseRecommenderFairness(told) };
}

function flagsOf(groups: readonly GroupNdcg[]): NdcgFlag[] {
  const bestOf = new Map(groups.filter((g) => g.isBest).map((g) => [g.attribute, g]));
  return groups.flatMap((group) => {
    const best = bestOf.get(group.attribute);
    if (!best || group === best || group.tooSmall || group.unknown || group.ratioToBest === null || group.high === null || best.low === null) return [];
    return group.ratioToBest < FLAG_RATIO && group.high < best.low ? [{ group, best }] : [];
  });
}
