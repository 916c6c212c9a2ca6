// Interaction logs from files, for `cli eval-recs` and `bench:recs`: MovieLens u.data (and any file in its
// tab-separated `user item rating timestamp` shape) and UCI Online Retail. Ids become dense indices in
// sorted order (numerically when every id is a number), so index 0 is the smallest id on every run.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Papa from "papaparse";
import { UserError } from "../../lib/errors";
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
 * UCI Online Retail purchases: lines with a CustomerID and a positive Quantity, cancellations (InvoiceNo
 * starting with "C") left out. Items are StockCodes. Weight is 1 per invoice line, not the quantity:
 * wholesale lines of hundreds of units would otherwise outweigh a customer's many single purchases.
 * Times are the invoice's wall-clock time read as UTC (the file has no time zone).
 */
export function readOnlineRetail(file: string): Dataset {
  const buffer = readFileChecked(file, null) as Buffer;
  const text = file.endsWith(".gz") ? gunzipSync(buffer).toString("utf8") : buffer.toString("utf8");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const header = parsed[0]?.join(",");
  if (!header?.startsWith("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID")) {
    throw new UserError(`${file}: not the Online Retail layout (header "${header?.slice(0, 80)}")`);
  }
  const rows: RawRow[] = [];
  const description = new Map<string, string>();
  for (const [invoice, code, desc, qty, date, , customer] of parsed.slice(1)) {
    if (!invoice || invoice.startsWith("C") || !customer || !code || !(Number(qty) > 0)) continue;
    rows.push({ user: customer, item: code, time: Date.parse(`${date!.replace(" ", "T")}Z`), weight: 1 });
    // The first non-empty description names the product (later lines sometimes carry notes instead).
    if (desc && !description.has(code)) description.set(code, desc.trim());
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
