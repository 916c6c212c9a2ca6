// Item-based k-nearest neighbours: "customers who have these items also have …". With X the users × items
// training matrix (values as given), S_ij = (x_i · x_j) / (‖x_i‖ · ‖x_j‖ + shrinkage) over item columns,
// S_jj = 0; each target item j keeps only its `neighbours` largest S_ij (ties to the lower i) and
// score(u, j) = Σ_i x_ui · S_ij. These definitions are checked against a NumPy reference, so keep them exact.
import { checkHeader } from "../codec";
import { transpose, type Csr } from "./csr";
import { becauseItems, checkNonNegative, checkWhole, packCsr, readCount, readNumber, unpackCsr } from "./model-support";
import { accumulate, createAccumulator, CsrBuilder, drainCosine, keepLargest, rowNorms } from "./similarity";
import type { ModelHeader, Reason, Recommender, TrainingData, UserHistory } from "./types";

export interface ItemKnnOptions {
  /** Similar items kept per target item (default 100). */
  readonly neighbours?: number;
  /** Added to the cosine denominator, damping similarities resting on few shared users (default 0). */
  readonly shrinkage?: number;
}

export interface ItemKnnModel extends ModelHeader {
  readonly kind: "item-knn";
  readonly neighbours: number;
  readonly shrinkage: number;
  /** Row j: the kept source items i of target item j, ascending, with S_ij. */
  readonly similar: Csr;
  /** The transpose of `similar` (row i: targets j that keep i), so scoring walks only the user's items. Not stored. */
  readonly bySource: Csr;
}

const KIND = "item-knn";
const VERSION = 1;
const DEFAULTS = { neighbours: 100, shrinkage: 0 };

function resolveOptions(options: ItemKnnOptions = {}): Required<ItemKnnOptions> {
  const o = { ...DEFAULTS, ...options };
  return { neighbours: checkWhole("neighbours", o.neighbours, 1), shrinkage: checkNonNegative("shrinkage", o.shrinkage) };
}

/** The pruned item–item similarity, one target item (a row of the symmetric Gram matrix XᵀX) at a time. */
export function fitSimilarItems(matrix: Csr, neighbours: number, shrinkage: number): Csr {
  const byItem = transpose(matrix);
  const norms = rowNorms(byItem);
  const acc = createAccumulator(matrix.cols);
  const out = new CsrBuilder();
  for (let j = 0; j < matrix.cols; j++) {
    const start = byItem.indptr[j]!;
    const end = byItem.indptr[j + 1]!;
    accumulate(acc, byItem.indices.subarray(start, end), byItem.values.subarray(start, end), matrix);
    drainCosine(acc, norms, norms[j]!, shrinkage, j);
    // Every item outside the drained ones (the diagonal included) has similarity exactly 0.
    keepLargest(acc, neighbours, matrix.cols - acc.found, out);
  }
  return out.build(matrix.cols);
}

function withBySource(header: Omit<ItemKnnModel, "bySource">): ItemKnnModel {
  return { ...header, bySource: transpose(header.similar) };
}

function fit(data: TrainingData, options?: ItemKnnOptions): ItemKnnModel {
  const { neighbours, shrinkage } = resolveOptions(options);
  const { rows: users, cols: items } = data.matrix;
  return withBySource({ kind: KIND, version: VERSION, users, items, neighbours, shrinkage, similar: fitSimilarItems(data.matrix, neighbours, shrinkage) });
}

function score(model: ItemKnnModel, _user: number, history: UserHistory, out: Float32Array): void {
  // Accumulate in float64 and round once, so the order items are visited in cannot change a score.
  const sums = new Float64Array(model.items);
  // Items no neighbour of the user's items reaches have no evidence: -Infinity, so they are never filler.
  const reached = new Uint8Array(model.items);
  const { indptr, indices, values } = model.bySource;
  for (let k = 0; k < history.items.length; k++) {
    const i = history.items[k]!;
    if (i >= model.items) continue;
    const x = history.values[k]!;
    for (let e = indptr[i]!; e < indptr[i + 1]!; e++) {
      sums[indices[e]!]! += x * values[e]!;
      reached[indices[e]!] = 1;
    }
  }
  for (let j = 0; j < model.items; j++) out[j] = reached[j] ? sums[j]! : -Infinity;
}

function explain(model: ItemKnnModel, _user: number, history: UserHistory, item: number): Reason | null {
  const { indptr, indices, values } = model.similar;
  const items: number[] = [];
  const contributions: number[] = [];
  // Both lists are sorted by item, so one merge finds the user's items among the target's neighbours.
  let h = 0;
  for (let e = indptr[item]!; e < indptr[item + 1]! && h < history.items.length; e++) {
    while (h < history.items.length && history.items[h]! < indices[e]!) h++;
    if (history.items[h] === indices[e]) {
      items.push(indices[e]!);
      contributions.push(history.values[h]! * values[e]!);
    }
  }
  return becauseItems(items, contributions);
}

function toJSON(model: ItemKnnModel): unknown {
  const { kind, version, users, items, neighbours, shrinkage, similar } = model;
  return { kind, version, users, items, neighbours, shrinkage, similar: packCsr(similar) };
}

function fromJSON(json: unknown): ItemKnnModel {
  const o = checkHeader(json, KIND, VERSION);
  const users = readCount(o, "users", KIND);
  const items = readCount(o, "items", KIND);
  const neighbours = readCount(o, "neighbours", KIND);
  const shrinkage = readNumber(o, "shrinkage", KIND);
  return withBySource({ kind: KIND, version: VERSION, users, items, neighbours, shrinkage, similar: unpackCsr(o.similar, items, items, `${KIND}.similar`) });
}

export const itemKnn: Recommender<ItemKnnModel, ItemKnnOptions> = {
  name: KIND,
  summary: "Items similar (cosine over who has them) to the ones the customer already has.",
  fit,
  score,
  explain,
  toJSON,
  fromJSON,
};
