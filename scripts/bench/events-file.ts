// A large, deterministic events CSV for the import benchmark. The same seed always gives the same bytes,
// so a run on another day reads the same file; a small sidecar records its size to tell a finished file
// from a half-written or older one.
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { DAY_MS } from "../../lib/days";

export interface EventsFileSpec {
  rows: number;
  customers: number;
  products: number;
  seed: number;
}

export interface EventsFileMeta extends EventsFileSpec {
  version: number;
  bytes: number;
  distinctCustomers: number;
  distinctProducts: number;
}

const VERSION = 1;
const START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * DAY_MS;

/** mulberry32: small, fast, and the same on every machine. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function readMeta(metaPath: string): EventsFileMeta | null {
  try {
    return JSON.parse(readFileSync(metaPath, "utf8")) as EventsFileMeta;
  } catch {
    return null;
  }
}

/** Writes the file unless an identical one is already there; returns what it holds. */
export function ensureEventsFile(file: string, spec: EventsFileSpec, log: (line: string) => void): EventsFileMeta {
  const metaPath = `${file}.meta.json`;
  const meta = readMeta(metaPath);
  const same = meta && meta.version === VERSION && meta.rows === spec.rows && meta.customers === spec.customers && meta.products === spec.products && meta.seed === spec.seed;
  if (same && existsSync(file) && statSync(file).size === meta.bytes) return meta;

  log(`generating ${spec.rows.toLocaleString("en-GB")} events into ${file} …`);
  const started = performance.now();
  const random = createRandom(spec.seed);
  const stepMs = YEAR_MS / spec.rows;
  const prices = Array.from({ length: spec.products }, () => Math.round(100 + random() * 9900) / 100);
  const seenCustomers = new Uint8Array(spec.customers);
  const seenProducts = new Uint8Array(spec.products);
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, "w");
  let bytes = 0;
  const write = (s: string) => (bytes += writeSync(fd, s));
  try {
    write("customer_id,product_id,event_type,quantity,revenue,timestamp\n");
    const lines: string[] = [];
    for (let i = 0; i < spec.rows; i++) {
      const c = Math.floor(random() * spec.customers);
      // Popular products dominate, as in a shop: the square skews draws toward low ids.
      const p = Math.min(spec.products - 1, Math.floor(random() ** 2 * spec.products));
      const r = random();
      const at = new Date(START + Math.floor(i * stepMs + random() * Math.min(stepMs, 1000))).toISOString();
      seenCustomers[c] = 1;
      seenProducts[p] = 1;
      const id = `C${pad(c + 1, 6)},P${pad(p + 1, 5)}`;
      if (r < 0.6) lines.push(`${id},view,,,${at}`);
      else if (r < 0.8) lines.push(`${id},click,,,${at}`);
      else if (r < 0.92) lines.push(`${id},add_to_cart,1,,${at}`);
      else {
        const q = 1 + Math.floor(random() * 4);
        lines.push(`${id},purchase,${q},${(q * prices[p]!).toFixed(2)},${at}`);
      }
      if (lines.length === 50_000) write(lines.splice(0).join("\n") + "\n");
    }
    if (lines.length) write(lines.join("\n") + "\n");
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const count = (a: Uint8Array) => a.reduce((n, x) => n + x, 0);
  const out: EventsFileMeta = { ...spec, version: VERSION, bytes, distinctCustomers: count(seenCustomers), distinctProducts: count(seenProducts) };
  writeFileSync(metaPath, JSON.stringify(out, null, 2) + "\n");
  log(`generated ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out;
}
