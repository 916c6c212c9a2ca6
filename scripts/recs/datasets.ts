// Interaction logs from files, for `cli eval-recs` and `bench:recs`: MovieLens u.data (and any file in its
// tab-separated `user item rating timestamp` shape) and Online Retail order lines (through the import's reader). Ids become dense indices in
// sorted order (numerically when every id is a number), so index 0 is the smallest id on every run.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { createRowReader } from "../../lib/csv/row-schema";
import { fieldSpec } from "../../lib/csv/kinds";
import { UserError } from "../../lib/errors";
import { analyseFile } from "../../lib/services/import/analyse";
import type { InteractionLog } from "../../lib/ml/recs/types";

export interface Dataset {
  readonly log: InteractionLog;
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** Per item, text for content-based scoring (Online Retail descriptions, MovieLens titles and genres). */
  readonly itemText?: readonly string[];
}

interface RawRow {
  user: string;
  item: string;
  time: number;
  weight: number;
}

export function readFileChecked(file: string, encoding: BufferEncoding | null = "utf8"): string | Buffer {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  return encoding ? readFileSync(file, encoding) : readFileSync(file);
}

/**
 * Tab-separated `user item rating timestamp` lines (MovieLens u.data; rating and timestamp may be left off).
 * Every row is an implicit interaction of weight 1; with `minRating`, rows rated below it are dropped.
 */
export function readRatingRows(file: string, minRating?: number): RawRow[] {
  const rows: RawRow[] = [];
  String(readFileChecked(file)).split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const [user, item, rating, seconds] = line.trim().split("\t");
    const r = rating === undefined ? 1 : Number(rating);
    const t = seconds === undefined ? 0 : Number(seconds) * 1000;
    if (!user || !item || !Number.isFinite(r) || !Number.isFinite(t)) {
      throw new UserError(`${file}, line ${i + 1}: expected "user<TAB>item<TAB>rating<TAB>timestamp", got "${line.slice(0, 60)}"`);
    }
    if (minRating === undefined || r >= minRating) rows.push({ user, item, time: t, weight: 1 });
  });
  return rows;
}

/** MovieLens u.data; item text from u.item beside it when present (title and genres). */
export function readMovieLens(file: string, options: { minRating?: number } = {}): Dataset {
  const data = toDataset(readRatingRows(file, options.minRating));
  const itemFile = path.join(path.dirname(file), "u.item");
  return existsSync(itemFile) ? { ...data, itemText: movieText(itemFile, data.itemIds) } : data;
}

/** A train file and a test file in one id space: ids are mapped over both, so a test item may be new. */
export function readTrainTest(trainFile: string, testFile: string): { train: Dataset; test: InteractionLog } {
  const train = readRatingRows(trainFile);
  const test = readRatingRows(testFile);
  const all = toDataset([...train, ...test]);
  const n = train.length;
  const slice = (from: number, to: number): InteractionLog => ({
    user: all.log.user.slice(from, to),
    item: all.log.item.slice(from, to),
    time: all.log.time.slice(from, to),
    weight: all.log.weight.slice(from, to),
  });
  return { train: { ...all, log: slice(0, n) }, test: slice(n, n + test.length) };
}

/**
 * Online Retail purchases (UCI's file, or the same shop's later export with `Invoice`, `Price`, `Customer ID`):
 * read through the import's own analysis, so columns are matched by the same header names and the delimiter,
 * encoding, decimal mark and date format detected the same way, and every row checked by the same reader
 * (rows the import would refuse are left out here too). Kept: lines with a customer and a positive quantity,
 * not cancellations (invoices starting with "C"). Items are product codes. Weight is 1 per invoice line,
 * not the quantity: wholesale lines of hundreds of units would otherwise outweigh a customer's many single
 * purchases. Times without a zone are read as UTC, as the import reads them.
 */
export async function readOnlineRetail(file: string): Promise<Dataset> {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  const a = await analyseFile(file, { kind: "transactions" });
  const missing = (["orderId", "customer", "product", "quantity", "occurredAt"] as const).filter((f) => !a.mapping.includes(f));
  if (missing.length) {
    throw new UserError(`${file}: no column reads as ${missing.map((f) => `"${fieldSpec("transactions", f)!.label}"`).join(", ")} (columns: ${a.columns.slice(0, 12).join(", ")})`);
  }
  const reader = createRowReader("transactions", a.mapping, a.headers, { decimalComma: a.decimalComma, dateFormat: a.dateFormat });
  const buffer = readFileChecked(file, null) as Buffer;
  const text = new TextDecoder(a.encoding === "utf-8" ? "utf-8" : "latin1").decode(a.isGzip ? gunzipSync(buffer) : buffer);
  const records = Papa.parse<string[]>(text, { delimiter: a.delimiter, skipEmptyLines: true }).data;
  const rows: RawRow[] = [];
  const description = new Map<string, string>();
  for (const cells of records.slice(a.hasHeader ? 1 : 0)) {
    const r = reader.read(cells);
    if (!r.ok) continue;
    const { orderId, customer, product, quantity, occurredAt, productName } = r.row.fields;
    if (typeof customer !== "string" || typeof product !== "string" || String(orderId).startsWith("C") || !(Number(quantity) > 0)) continue;
    rows.push({ user: customer, item: product, time: occurredAt as number, weight: 1 });
    // The first non-empty description names the product (later lines sometimes carry notes instead).
    if (typeof productName === "string" && !description.has(product)) description.set(product, productName);
  }
  const data = toDataset(rows);
  return { ...data, log: { ...data.log, isPurchase: new Uint8Array(rows.length).fill(1) }, itemText: data.itemIds.map((id) => description.get(id) ?? "") };
}

function toDataset(rows: readonly RawRow[]): Dataset {
  const userIds = sortedIds(rows.map((r) => r.user));
  const itemIds = sortedIds(rows.map((r) => r.item));
  const userIndex = new Map(userIds.map((id, i) => [id, i]));
  const itemIndex = new Map(itemIds.map((id, i) => [id, i]));
  const log: InteractionLog = {
    user: Int32Array.from(rows, (r) => userIndex.get(r.user)!),
    item: Int32Array.from(rows, (r) => itemIndex.get(r.item)!),
    time: Float64Array.from(rows, (r) => r.time),
    weight: Float32Array.from(rows, (r) => r.weight),
  };
  return { log, userIds, itemIds };
}

function sortedIds(ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  const numeric = distinct.every((id) => /^-?\d+(\.\d+)?$/.test(id));
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort();
}

const GENRES = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];

/** u.item (Latin-1, `|`-separated: id, title, dates, URL, 19 genre flags) → "title genre genre …" per item. */
function movieText(file: string, itemIds: readonly string[]): string[] {
  const text = new Map<string, string>();
  for (const line of String(readFileChecked(file, "latin1")).split("\n")) {
    const f = line.split("|");
    if (f.length < 24) continue;
    const genres = f.slice(5, 24).flatMap((flag, g) => (flag === "1" ? [GENRES[g]!] : []));
    text.set(f[0]!, [f[1], ...genres].join(" "));
  }
  return itemIds.map((id) => text.get(id) ?? "");
}
