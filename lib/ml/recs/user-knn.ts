// User-based k-nearest neighbours: "customers like you also have …". s_uv is the cosine of user rows
// (x_u · x_v) / (‖x_u‖ · ‖x_v‖ + shrinkage); each user keeps its `neighbours` most similar other users with
// s_uv > 0 (a user sharing nothing is no neighbour), and score(u, j) = Σ_{v ∈ N(u)} s_uv · x_vj.
// Neighbours of training users are found once in fit; a new user, or one whose history has changed since,
// gets them on the fly against the training matrix the model keeps.
import { checkHeader } from "../codec";
import { transpose, type Csr } from "./csr";
import { checkNonNegative, checkWhole, isTrainingRow, packCsr, readCount, readNumber, unpackCsr } from "./model-support";
import { historyOf } from "./recommend";
import { accumulate, createAccumulator, createNearestHeap, CsrBuilder, keepNearest, normOf, rowNorms, type Accumulator, type NearestHeap } from "./similarity";
import type { ModelHeader, Reason, Recommender, TrainingData, UserHistory } from "./types";
import { indexOfSorted } from "../sorted";

export interface UserKnnOptions {
  /** Similar customers kept per customer (default 50). */
  readonly neighbours?: number;
  /** Added to the cosine denominator, damping similarities resting on few shared items (default 0). */
  readonly shrinkage?: number;
}

export interface UserKnnModel extends ModelHeader {
  readonly kind: "user-knn";
  readonly neighbours: number;
  readonly shrinkage: number;
  /** The training matrix (users × items), kept to score new or changed histories. */
  readonly matrix: Csr;
  /** Row u: u's neighbours v, ascending, with s_uv. */
  readonly similar: Csr;
  /** Derived on load, not stored: the matrix by item, and its row norms. */
  readonly byItem: Csr;
  readonly norms: Float64Array;
}

const KIND = "user-knn";
const VERSION = 1;
const DEFAULTS = { neighbours: 50, shrinkage: 0 };

function resolveOptions(options: UserKnnOptions = {}): Required<UserKnnOptions> {
  const o = { ...DEFAULTS, ...options };
  return { neighbours: checkWhole("neighbours", o.neighbours, 1), shrinkage: checkNonNegative("shrinkage", o.shrinkage) };
}

type Search = Pick<UserKnnModel, "byItem" | "norms" | "neighbours" | "shrinkage">;

function searchOver(matrix: Csr, neighbours: number, shrinkage: number): Search {
  return { byItem: transpose(matrix), norms: rowNorms(matrix), neighbours, shrinkage };
}

/** Appends the neighbours of a history among the training users (never `self`) as a row of `out`. */
function findNeighbours(search: Search, self: number, history: UserHistory, acc: Accumulator, heap: NearestHeap, out: CsrBuilder): void {
  accumulate(acc, history.items, history.values, search.byItem);
  keepNearest(acc, search.norms, normOf(history.values), search.shrinkage, self, search.neighbours, heap, out);
}

function fit(data: TrainingData, options?: UserKnnOptions): UserKnnModel {
  const { neighbours, shrinkage } = resolveOptions(options);
  const { rows: users, cols: items } = data.matrix;
  const search = searchOver(data.matrix, neighbours, shrinkage);
  const acc = createAccumulator(users);
  const heap = createNearestHeap(neighbours);
  const out = new CsrBuilder();
  for (let u = 0; u < users; u++) findNeighbours(search, u, historyOf(data.matrix, u), acc, heap, out);
  return { kind: KIND, version: VERSION, users, items, matrix: data.matrix, similar: out.build(users), ...search };
}

interface Neighbours {
  readonly ids: ArrayLike<number>;
  readonly sims: ArrayLike<number>;
}

// recommend() passes one history object to score and then to explain for each item it returns, so neighbours
// found on the fly are remembered per history object rather than searched for again ten times.
const foundFor = new WeakMap<UserHistory, { model: UserKnnModel; user: number; found: Neighbours }>();

/** u's stored neighbours when the history is still u's training row, else ones found now. */
function currentNeighbours(model: UserKnnModel, user: number, history: UserHistory): Neighbours {
  if (isTrainingRow(model.matrix, user, history)) {
    const { indptr, indices, values } = model.similar;
    return { ids: indices.subarray(indptr[user]!, indptr[user + 1]!), sims: values.subarray(indptr[user]!, indptr[user + 1]!) };
  }
  const cached = foundFor.get(history);
  if (cached && cached.model === model && cached.user === user) return cached.found;
  const out = new CsrBuilder();
  findNeighbours(model, user, history, createAccumulator(model.users), createNearestHeap(model.neighbours), out);
  const row = out.build(model.users);
  const found = { ids: row.indices, sims: row.values };
  foundFor.set(history, { model, user, found });
  return found;
}

function score(model: UserKnnModel, user: number, history: UserHistory, out: Float32Array): void {
  const { ids, sims } = currentNeighbours(model, user, history);
  const sums = new Float64Array(model.items);
  // Items none of the neighbours has have no evidence: -Infinity, so they are never filler.
  const reached = new Uint8Array(model.items);
  const { indptr, indices, values } = model.matrix;
  for (let n = 0; n < ids.length; n++) {
    const v = ids[n]!;
    const s = sims[n]!;
    for (let e = indptr[v]!; e < indptr[v + 1]!; e++) {
      sums[indices[e]!]! += s * values[e]!;
      reached[indices[e]!] = 1;
    }
  }
  for (let j = 0; j < model.items; j++) out[j] = reached[j] ? sums[j]! : -Infinity;
}

function hasItem(m: Csr, row: number, item: number): boolean {
  const at = indexOfSorted(m.indices, item, m.indptr[row]!, m.indptr[row + 1]!);
  return at >= 0 && m.values[at] !== 0;
}

function explain(model: UserKnnModel, user: number, history: UserHistory, item: number): Reason | null {
  const { ids } = currentNeighbours(model, user, history);
  let customers = 0;
  for (let n = 0; n < ids.length; n++) if (hasItem(model.matrix, ids[n]!, item)) customers++;
  return customers === 0 ? null : { kind: "similar-customers", customers, neighbours: ids.length };
}

function toJSON(model: UserKnnModel): unknown {
  const { kind, version, users, items, neighbours, shrinkage, matrix, similar } = model;
  return { kind, version, users, items, neighbours, shrinkage, matrix: packCsr(matrix), similar: packCsr(similar) };
}

function fromJSON(json: unknown): UserKnnModel {
  const o = checkHeader(json, KIND, VERSION);
  const users = readCount(o, "users", KIND);
  const items = readCount(o, "items", KIND);
  const neighbours = readCount(o, "neighbours", KIND);
  const shrinkage = readNumber(o, "shrinkage", KIND);
  const matrix = unpackCsr(o.matrix, users, items, `${KIND}.matrix`);
  const similar = unpackCsr(o.similar, users, users, `${KIND}.similar`);
  return { kind: KIND, version: VERSION, users, items, matrix, similar, ...searchOver(matrix, neighbours, shrinkage) };
}

export const userKnn: Recommender<UserKnnModel, UserKnnOptions> = {
  name: KIND,
  summary: "Items that the most similar customers (cosine over what they have) have.",
  fit,
  score,
  explain,
  toJSON,
  fromJSON,
};
