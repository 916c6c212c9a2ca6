// The one recommend call every algorithm goes through: score, drop exclusions, keep the top n, explain.
import { rowIndices, rowValues, type Csr } from "./csr";
import { selectTopN } from "./top-n";
import type { ModelHeader, Recommendations, RecommendOptions, Recommender, UserHistory } from "./types";
import { MlRangeError } from "../errors";

export function historyOf(matrix: Csr, user: number): UserHistory {
  if (user < 0 || user >= matrix.rows) return { items: new Int32Array(0), values: new Float32Array(0) };
  return { items: rowIndices(matrix, user), values: rowValues(matrix, user) };
}

export function recommend<M extends ModelHeader>(
  rec: Recommender<M, unknown>,
  model: M,
  user: number,
  history: UserHistory,
  options: RecommendOptions,
  scratch: Float32Array = new Float32Array(model.items),
): Recommendations {
  if (scratch.length !== model.items) throw new MlRangeError(`score buffer holds ${scratch.length} items, the model has ${model.items}`);
  if (options.exclude && options.exclude.length !== model.items) throw new MlRangeError(`exclusion mask covers ${options.exclude.length} items, the model has ${model.items}`);
  for (let k = 1; k < history.items.length; k++) {
    if (history.items[k]! <= history.items[k - 1]!) throw new MlRangeError(`a history's items must be sorted and unique; item ${history.items[k]} follows ${history.items[k - 1]}`);
  }
  scratch.fill(-Infinity);
  rec.score(model, user, history, scratch);
  const top = selectTopN(scratch, options.n, options.exclude, options.excludeSeen === false ? undefined : history.items);
  const reasons = Array.from(top.items, (item) => (options.withReasons === false ? null : rec.explain(model, user, history, item)));
  return { items: top.items, scores: top.scores, reasons };
}

/** Recommends for many users, reusing one score buffer. Results equal one-by-one calls. */
export function recommendMany<M extends ModelHeader>(
  rec: Recommender<M, unknown>,
  model: M,
  matrix: Csr,
  users: ArrayLike<number>,
  options: RecommendOptions,
): Recommendations[] {
  const scratch = new Float32Array(model.items);
  return Array.from(users, (u) => recommend(rec, model, u, historyOf(matrix, u), options, scratch));
}
