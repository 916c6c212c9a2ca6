import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluateRecommenders, type EvaluationRow } from "../../lib/ml/recs/eval/evaluate";
import { evaluationSetOf, givenSplit, randomHoldOut, timeSplit, type EvaluationSet, type Relevance, type Split } from "../../lib/ml/recs/eval/splits";
import { UserError, userErrorFromMl } from "../../lib/errors";
import { RECOMMENDERS, recommenderNamed } from "../../lib/ml/recs/registry";
import { type Command, parseDateFlag, parseIntegerFlag, UsageError } from "../cli-support";
import { type Dataset, readMovieLens, readOnlineRetail, readTrainTest } from "../recs/datasets";

const RETAIL_CUTOFF = "2011-11-01";

interface EvalFlags {
  readonly source: { kind: "dataset"; file: string; format: "movielens" | "retail"; minRating?: number } | { kind: "files"; train: string; test: string };
  readonly split: "user" | "time";
  readonly testFrom?: number;
  readonly seed: number;
  readonly relevance: Relevance;
  readonly excludeSeen: boolean;
  readonly algorithms: readonly string[];
  readonly k: number;
}

export const evalRecsCommand: Command = {
  name: "eval-recs",
  summary: "evaluate recommenders offline: precision, recall, nDCG, MAP, coverage at k on a held-out split",
  usage:
    "eval-recs (--dataset FILE --format movielens|retail [--split user|time] [--test-from YYYY-MM-DD] [--seed N] [--relevance new|all] [--min-rating R] | --train FILE --test FILE) [--algorithms a,b] [--k 10] [--seen exclude|include] [--json]",
  async run(args, ctx) {
    const flags = parseEvalFlags(args);
    // Resolve names before reading data, so a typo fails at once.
    const candidates = flags.algorithms.map((name) => ({ name, recommender: namedByPerson(name) }));
    const { set, about } = await loadEvaluationSet(flags, ctx.log);
    ctx.log(`${about.users} users × ${about.items} items; ${about.trainRows} training rows; ${set.heldOut.users.length} users with held-out items`);
    const rows = evaluateRecommenders(candidates, set, { k: flags.k, excludeSeen: flags.excludeSeen, onProgress: ctx.log });
    const json = { ...about, split: flags.source.kind === "files" ? "given" : flags.split, relevance: flags.relevance === "new-items" ? "new" : "all", excludeSeen: flags.excludeSeen, k: flags.k, evaluatedUsers: set.heldOut.users.length, algorithms: rows.map(rounded) };
    return { json, text: table(rows, flags.k, `${about.description}: ${json.evaluatedUsers} users evaluated`) };
  },
};

function parseEvalFlags(args: string[]): EvalFlags {
  const { values: v } = parseArgs({
    args,
    strict: true,
    options: {
      dataset: { type: "string" },
      format: { type: "string" },
      split: { type: "string" },
      "test-from": { type: "string" },
      seed: { type: "string" },
      relevance: { type: "string" },
      "min-rating": { type: "string" },
      train: { type: "string" },
      test: { type: "string" },
      algorithms: { type: "string" },
      k: { type: "string" },
      seen: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const files = v.train !== undefined || v.test !== undefined;
  if (files === (v.dataset !== undefined)) throw new UsageError("give either --dataset FILE --format … or --train FILE --test FILE");
  if (files && (!v.train || !v.test)) throw new UsageError("--train and --test go together");
  if (files && (v.format || v.split || v["test-from"] || v.relevance || v["min-rating"])) throw new UsageError("--format, --split, --test-from, --relevance and --min-rating go with --dataset, not --train/--test");
  const format = v.format;
  if (!files && format !== "movielens" && format !== "retail") throw new UsageError(`--format must be movielens or retail, got "${format ?? ""}"`);
  const split = oneOf("split", v.split, ["user", "time"], files ? "user" : format === "retail" ? "time" : "user");
  const testFrom = parseDateFlag("test-from", v["test-from"] ?? (format === "retail" ? RETAIL_CUTOFF : undefined));
  if (split === "time" && testFrom === undefined) throw new UsageError("--split time needs --test-from YYYY-MM-DD");
  const relevance = oneOf("relevance", v.relevance, ["new", "all"], split === "time" ? "new" : "all") === "new" ? "new-items" : "all";
  // Re-purchases only count when seen items may come back: "all purchases" on a time split includes them.
  const seen = oneOf("seen", v.seen, ["exclude", "include"], split === "time" && relevance === "all" ? "include" : "exclude");
  const minRating = v["min-rating"] === undefined ? undefined : Number(v["min-rating"]);
  if (minRating !== undefined && !Number.isFinite(minRating)) throw new UsageError(`--min-rating must be a number, got "${v["min-rating"]}"`);
  for (const f of files ? [v.train!, v.test!] : [v.dataset!]) if (!existsSync(f)) throw new UserError(`no such file: ${f}`);
  const k = parseIntegerFlag("k", v.k, 10, 1);
  const seed = parseIntegerFlag("seed", v.seed, 42);
  const algorithms = v.algorithms ? v.algorithms.split(",").map((a) => a.trim()).filter(Boolean) : Object.keys(RECOMMENDERS);
  if (algorithms.length === 0) throw new Error("no recommenders are registered in lib/ml/recs/registry.ts");
  return {
    source: files ? { kind: "files", train: v.train!, test: v.test! } : { kind: "dataset", file: v.dataset!, format: format as "movielens" | "retail", minRating },
    split,
    testFrom,
    seed,
    relevance,
    excludeSeen: seen === "exclude",
    algorithms,
    k,
  };
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

async function loadEvaluationSet(flags: EvalFlags, log: (line: string) => void): Promise<{ set: EvaluationSet; about: { description: string; users: number; items: number; trainRows: number; testRows: number } }> {
  let split: Split;
  let data: Dataset;
  let description: string;
  if (flags.source.kind === "files") {
    const { train, test } = readTrainTest(flags.source.train, flags.source.test);
    data = train;
    split = givenSplit(train.log, test, train.userIds.length, train.itemIds.length);
    description = `${flags.source.train} / ${flags.source.test}`;
  } else {
    const { file, format, minRating } = flags.source;
    log(`reading ${file} (${format})`);
    data = format === "movielens" ? readMovieLens(file, { minRating }) : await readOnlineRetail(file);
    const size = { users: data.userIds.length, items: data.itemIds.length };
    split = flags.split === "user" ? randomHoldOut(data.log, { ...size, fraction: 0.25, seed: flags.seed }) : timeSplit(data.log, { ...size, cutoff: flags.testFrom! });
    description = `${file}, ${flags.split === "user" ? `per-user 75/25 random split, seed ${flags.seed}` : `time split at ${new Date(flags.testFrom!).toISOString().slice(0, 10)}`}`;
  }
  const set = evaluationSetOf(split, flags.relevance, data.itemText ? { itemText: data.itemText } : {});
  return { set, about: { description, users: split.users, items: split.items, trainRows: split.train.user.length, testRows: split.test.user.length } };
}

function rounded(r: EvaluationRow) {
  if (!r.ok) return r;
  const round = (x: number, d: number) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
  return { ...r, fitSeconds: round(r.fitSeconds, 3), recommendSeconds: round(r.recommendSeconds, 3) };
}

function table(rows: readonly EvaluationRow[], k: number, title: string): string {
  const head = ["algorithm", `nDCG@${k}`, `P@${k}`, `R@${k}`, `MAP@${k}`, `hit@${k}`, "coverage", "pop. bias", "fit s", "rec. s"];
  const body = rows.map((r) =>
    r.ok
      ? [r.name, ...[r.ndcg, r.precision, r.recall, r.map, r.hitRate, r.coverage, r.popularityBias].map((x) => x.toFixed(4)), r.fitSeconds.toFixed(2), r.recommendSeconds.toFixed(2)]
      : [r.name, `failed: ${r.error}`],
  );
  // A failed row is a name and a message: it sets the name column's width, not the others'.
  const widths = head.map((h, c) => Math.max(h.length, ...body.filter((b) => c === 0 || b.length === head.length).map((b) => b[c]!.length)));
  const line = (cells: string[]) => (cells.length === head.length ? cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join("  ") : `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]}`);
  return [`${title} at k = ${k}`, line(head), ...body.map(line)].join("\n");
}

/** The recommender for a name given on --algorithms: an unknown one is the person's to fix. */
function namedByPerson(name: string) {
  try {
    return recommenderNamed(name);
  } catch (e) {
    throw userErrorFromMl(e);
  }
}
