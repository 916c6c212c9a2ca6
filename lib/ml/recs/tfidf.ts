// TF-IDF vectors of product text for content-based recommendations. The weighting is scikit-learn's
// TfidfVectorizer default (raw term counts, smooth idf, L2-normalised rows), so figures can be checked
// against it; the tokeniser is simpler on purpose: product names and descriptions, not prose.
import type { Csr } from "./csr";
import { checkWhole } from "./model-support";

/** Words that say nothing about a product. Kept short: a long list starts eating product words ("top", "light"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ("a an and are as at be been but by can could did do does for from had has have he her his how if in into is it its " +
    "me my no nor not of on or our she so than that the their them then there these they this those to too up us very " +
    "was we were what when where which while who why will with would you your").split(" "),
);

export interface TfidfOptions {
  /** Terms found in fewer items than this are dropped (typos, SKU codes); default 1 keeps every term. */
  minDocumentFrequency?: number;
  /** Replaces {@link STOP_WORDS}, e.g. for a catalogue in another language. */
  stopWords?: readonly string[];
}

export interface TfidfVectors {
  /** The vocabulary, sorted, so the same texts give the same term ids on every machine. */
  readonly terms: readonly string[];
  readonly idf: Float64Array;
  /** Documents × terms, each non-empty row of unit length. */
  readonly vectors: Csr;
}

/**
 * Lower-cased runs of letters, combining marks and digits in any script, of at least two code points, minus
 * stop words. NFKC first, so "ﬁlter" and full-width digits match their plain spellings.
 */
export function tokenize(text: string, stopWords: ReadonlySet<string> = STOP_WORDS): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => t.length >= 2 && [...t].length >= 2 && !stopWords.has(t));
}

export function fitTfidf(texts: readonly string[], options: TfidfOptions = {}): TfidfVectors {
  const minDf = checkWhole("minDocumentFrequency", options.minDocumentFrequency ?? 1, 1);
  const stop = options.stopWords ? new Set(options.stopWords.map((w) => w.toLowerCase())) : STOP_WORDS;
  const docs = texts.map((t) => countTerms(tokenize(t, stop)));
  const df = new Map<string, number>();
  for (const counts of docs) for (const term of counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const terms = [...df.keys()].filter((t) => df.get(t)! >= minDf).sort();
  const id = new Map(terms.map((t, k) => [t, k]));
  const n = texts.length;
  const idf = Float64Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  return { terms, idf, vectors: weightRows(docs, id, idf) };
}

function countTerms(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

function weightRows(docs: readonly Map<string, number>[], id: ReadonlyMap<string, number>, idf: Float64Array): Csr {
  const indptr = new Int32Array(docs.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  docs.forEach((counts, d) => {
    const row = [...counts].flatMap(([term, tf]) => {
      const k = id.get(term);
      return k === undefined ? [] : [[k, tf * idf[k]!] as const];
    });
    row.sort((a, b) => a[0] - b[0]);
    let sq = 0;
    for (const e of row) sq += e[1] * e[1];
    const norm = Math.sqrt(sq);
    for (const [k, w] of row) {
      indices.push(k);
      values.push(w / norm);
    }
    indptr[d + 1] = indices.length;
  });
  return { rows: docs.length, cols: idf.length, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

/** Dot product of two sorted sparse rows. */
export function sparseDot(m: Csr, a: number, b: number): number {
  let i = m.indptr[a]!;
  let j = m.indptr[b]!;
  const iEnd = m.indptr[a + 1]!;
  const jEnd = m.indptr[b + 1]!;
  let s = 0;
  while (i < iEnd && j < jEnd) {
    const ki = m.indices[i]!;
    const kj = m.indices[j]!;
    if (ki === kj) s += m.values[i++]! * m.values[j++]!;
    else if (ki < kj) i++;
    else j++;
  }
  return s;
}
