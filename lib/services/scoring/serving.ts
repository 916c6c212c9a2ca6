// Scores from the stored response models: a run parsed once per process (models rebuilt through each
// algorithm's fromJSON), one customer's probability with "why this score" in words for the customer page
// and the API, and every customer's probability under a campaign set-up for targeting.
import { reasonsOf, type Reason } from "../../analytics/score-reasons";
import type { CampaignSetup } from "../../analytics/scoring-features";
import { DAY_MS } from "../../days";
import { getJobResult, getLatestJobId, listJobRows } from "../../db/jobs";
import { UserError } from "../../errors";
import { MlRangeError } from "../../ml/errors";
import type { ScoringKind } from "../../ml/scoring/model";
import { explainScore, scorerFromJSON, scoreRows, type Scorer } from "../../ml/scoring/scorer";
import { readStored } from "../../stored-json";
import { buildAudienceTable, loadScoringInputs, type ScoringInputs } from "./training-data";
import { SCORING_RUN_KIND, SCORING_SHAPES, type StoredScoring } from "./training";

export interface LoadedScoring {
  readonly id: number;
  readonly finishedAt: Date;
  readonly result: Omit<StoredScoring, "models">;
  readonly scorers: ReadonlyMap<ScoringKind, Scorer>;
}

let cache: LoadedScoring | null = null;

/** A completed scoring run by id (the latest when absent), parsed once; null when none has been trained. */
export async function loadScoringRun(id?: number): Promise<LoadedScoring | null> {
  const runId = id ?? (await getLatestJobId(SCORING_RUN_KIND))?.id;
  if (runId === undefined) return null;
  if (cache?.id === runId) return cache;
  const run = await getJobResult(runId);
  if (!run || run.kind !== SCORING_RUN_KIND) return null;
  const { models, ...result } = readStored(SCORING_SHAPES.result, run.result, `run ${run.id}`);
  const scorers = new Map<ScoringKind, Scorer>();
  for (const [kind, json] of Object.entries(models)) {
    try {
      scorers.set(kind as ScoringKind, scorerFromJSON(json));
    } catch (e) {
      if (e instanceof MlRangeError) throw new UserError(`The stored ${kind} model of run ${run.id} cannot be read (${e.message}): train the scoring models again.`, "conflict");
      throw e;
    }
  }
  cache = { id: run.id, finishedAt: run.finishedAt, result, scorers };
  return cache;
}

export interface ScoringRunSummary {
  readonly id: number;
  readonly status: string;
  readonly target: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

export async function listScoringRuns(take = 20): Promise<ScoringRunSummary[]> {
  const rows = await listJobRows({ kind: SCORING_RUN_KIND, take });
  const targetOf = (p: unknown) => (p && typeof p === "object" && typeof (p as { target?: unknown }).target === "string" ? (p as { target: string }).target : null);
  return rows.map((r) => ({ id: r.id, status: r.status, target: targetOf(r.parameters), createdAt: r.createdAt, finishedAt: r.finishedAt }));
}

/** The latest completed run predicting `target`, or null. */
export async function latestScoringRunId(target: "click" | "conversion"): Promise<number | null> {
  return (await listScoringRuns(50)).find((r) => r.status === "completed" && r.target === target)?.id ?? null;
}

/** The model to use: the one asked for, else the run's best; a UserError naming the choices otherwise. */
export function pickScorer(run: LoadedScoring, kind?: string): Scorer {
  const wanted = (kind ?? run.result.best) as ScoringKind;
  const scorer = run.scorers.get(wanted);
  if (!scorer) throw new UserError(`run ${run.id} has no ${kind} model (models: ${[...run.scorers.keys()].join(", ")})`);
  return scorer;
}

/** The set-up audiences are scored under: the one given, else the run's most common in training. */
export function setupOf(run: LoadedScoring, setup: Partial<CampaignSetup> = {}): CampaignSetup {
  const common = run.result.setups[0];
  return {
    channel: setup.channel ?? common?.channel ?? null,
    adType: setup.adType ?? common?.adType ?? null,
    adPosition: setup.adPosition ?? common?.adPosition ?? null,
    variant: setup.variant ?? null,
  };
}

/** The weekday and hour most exposures went out at, on the day after `asOf`'s week start (a fixed instant). */
function sendAtOf(run: LoadedScoring, asOf: number): number {
  const day = Math.floor(asOf / DAY_MS) * DAY_MS;
  const weekday = new Date(day).getUTCDay();
  return day + ((run.result.sendAt.weekday - weekday + 7) % 7) * DAY_MS + run.result.sendAt.hour * 3_600_000;
}

export interface CustomerScore {
  readonly runId: number;
  readonly model: ScoringKind;
  readonly target: StoredScoring["settings"]["target"];
  readonly probability: number;
  readonly setup: CampaignSetup;
  readonly reasons: Reason[];
  readonly asOf: string;
}

/** One customer's score and its top reasons; null when the customer does not exist. */
export async function scoreCustomer(customerId: number, o: { runId?: number; model?: string; setup?: Partial<CampaignSetup> } = {}): Promise<CustomerScore | null> {
  const run = await loadScoringRun(o.runId);
  if (!run) return null;
  const scorer = pickScorer(run, o.model);
  const inputs = await loadScoringInputs(customerId);
  if (inputs.sources.customers.ids.length === 0) return null;
  const setup = setupOf(run, o.setup);
  const { table } = buildAudienceTable(inputs, scorer.model.schema, setup, sendAtOf(run, inputs.asOf));
  const probability = scoreRows(scorer, table)[0]!;
  return { runId: run.id, model: scorer.kind, target: run.result.settings.target, probability, setup, reasons: reasonsOf(table, 0, explainScore(scorer, table, 0), 3), asOf: new Date(inputs.asOf).toISOString().slice(0, 10) };
}

/** Every customer's probability under `setup`, in ascending id order. */
export async function scoreAllCustomers(run: LoadedScoring, kind: string | undefined, setup: CampaignSetup, inputs?: ScoringInputs): Promise<{ ids: Int32Array; probability: Float64Array }> {
  const scorer = pickScorer(run, kind);
  const data = inputs ?? (await loadScoringInputs());
  const { table, customer } = buildAudienceTable(data, scorer.model.schema, setup, sendAtOf(run, data.asOf));
  return { ids: customer, probability: scoreRows(scorer, table) };
}
