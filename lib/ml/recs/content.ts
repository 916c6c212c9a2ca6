// Content-based recommendations: items whose text is like the text of what the customer already has. The
// only recommender that can suggest a product nobody has bought yet, since it needs nothing but the text.
// Score(u, j) = cosine(profile_u, v_j) with profile_u = Σ_i x_ui·v_i over the user's items, v the TF-IDF rows.
import { checkHeader } from "../codec";
import type { Csr } from "./csr";
import { packCsr, readCount, unpackCsr } from "./model-support";
import { fitTfidf, sparseDot, type TfidfOptions } from "./tfidf";
import type { ModelHeader, Reason, Recommender, TrainingData, UserHistory } from "./types";
import { MlRangeError } from "../errors";

export type ContentOptions = TfidfOptions;

export interface ContentModel extends ModelHeader {
  readonly kind: "content";
  readonly version: 1;
  readonly terms: readonly string[];
  /** Items × terms, TF-IDF rows of unit length; an item with no usable text has an empty row. */
  readonly vectors: Csr;
}

function fit(data: TrainingData, options?: ContentOptions): ContentModel {
  const { itemText, matrix } = data;
  if (!itemText) throw new MlRangeError("content: data.itemText is missing; the content recommender needs one text per item");
  if (itemText.length !== matrix.cols) throw new MlRangeError(`content: data.itemText has ${itemText.length} texts for ${matrix.cols} items`);
  const { terms, vectors } = fitTfidf(itemText, options);
  return { kind: "content", version: 1, users: matrix.rows, items: matrix.cols, terms, vectors };
}

// One dense profile buffer per model, cleared after each use, so scoring every user allocates nothing per user.
const buffers = new WeakMap<ContentModel, Float64Array>();

/** Runs `body` with the user's profile as a dense vector over terms, of unit length unless `isEmpty`. */
function withProfile<T>(model: ContentModel, history: UserHistory, body: (profile: Float64Array, isEmpty: boolean) => T): T {
  let profile = buffers.get(model);
  if (!profile) buffers.set(model, (profile = new Float64Array(model.terms.length)));
  const { indptr, indices, values } = model.vectors;
  const touched: number[] = [];
  history.items.forEach((i, h) => {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      profile[indices[k]!]! += history.values[h]! * values[k]!;
      touched.push(indices[k]!);
    }
  });
  const terms = [...new Set(touched)];
  let sq = 0;
  for (const t of terms) sq += profile[t]! * profile[t]!;
  const norm = Math.sqrt(sq);
  for (const t of terms) profile[t]! /= norm || 1;
  try {
    return body(profile, norm === 0);
  } finally {
    for (const t of terms) profile[t] = 0;
  }
}

function score(model: ContentModel, _user: number, history: UserHistory, out: Float32Array): void {
  withProfile(model, history, (profile, isEmpty) => {
    const { indptr, indices, values } = model.vectors;
    for (let j = 0; j < model.items; j++) {
      let s = 0;
      for (let k = indptr[j]!; k < indptr[j + 1]!; k++) s += profile[indices[k]!]! * values[k]!;
      // No history, or an item with no text: there is nothing to compare, which is not the same as dissimilar.
      out[j] = isEmpty || indptr[j] === indptr[j + 1] ? -Infinity : s;
    }
  });
}

function explain(model: ContentModel, _user: number, history: UserHistory, item: number): Reason | null {
  return withProfile(model, history, (profile, isEmpty) => {
    const { indptr, indices, values } = model.vectors;
    if (isEmpty || indptr[item] === indptr[item + 1]) return null;
    const keys: { term: number; weight: number }[] = [];
    for (let k = indptr[item]!; k < indptr[item + 1]!; k++) {
      const weight = profile[indices[k]!]! * values[k]!;
      if (weight > 0) keys.push({ term: indices[k]!, weight });
    }
    keys.sort((a, b) => b.weight - a.weight || a.term - b.term);
    return { kind: "content", item: mostSimilarOwned(model.vectors, history, item), keywords: keys.slice(0, 3).map((k) => model.terms[k.term]!) };
  });
}

/** The user's item (other than `item` itself) whose text is nearest `item`'s, or null if none shares a term. */
function mostSimilarOwned(vectors: Csr, history: UserHistory, item: number): number | null {
  let best: number | null = null;
  let bestSim = 0;
  for (const i of history.items) {
    if (i === item) continue;
    const sim = sparseDot(vectors, i, item);
    if (sim > bestSim) [best, bestSim] = [i, sim];
  }
  return best;
}

function toJSON(model: ContentModel): unknown {
  return { ...model, vectors: packCsr(model.vectors) };
}

function fromJSON(json: unknown): ContentModel {
  const o = checkHeader(json, "content", 1);
  const [users, items] = [readCount(o, "users", "content"), readCount(o, "items", "content")];
  const terms = o.terms;
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === "string")) throw new MlRangeError("content model: terms must be an array of strings");
  return { kind: "content", version: 1, users, items, terms, vectors: unpackCsr(o.vectors, items, terms.length, "content.vectors") };
}

export const content: Recommender<ContentModel, ContentOptions> = {
  name: "content",
  summary: "Content-based: products whose name, description and category read like what the customer already has.",
  fit,
  score,
  explain,
  toJSON,
  fromJSON,
};
