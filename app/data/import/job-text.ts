// Plain words for an import job's numbers, shared by the live summary and the history table.
import type { JobStatus } from "@/lib/db/jobs";
import type { ImportJobView } from "@/lib/services/import/imports";

/** An ImportJobView as it arrives from /api/jobs/<id>: dates are ISO strings. */
export type ImportJobJson = { [K in keyof ImportJobView]: ImportJobView[K] extends Date ? string : ImportJobView[K] extends Date | null ? string | null : ImportJobView[K] };

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: "Waiting to start",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const EVENT_TYPE_WORDS: Record<string, [string, string]> = {
  purchase: ["purchase", "purchases"],
  return: ["return", "returns"],
  adjustment: ["stock adjustment (negative quantity without a cancelled order)", "stock adjustments (negative quantities without a cancelled order)"],
  rating: ["rating", "ratings"],
  view: ["view", "views"],
  add_to_cart: ["add to cart", "adds to cart"],
};

function describeOne(key: string, n: number, num: (x: number) => string): string {
  const v = num(n);
  if (key.startsWith("type:")) {
    const type = key.slice(5);
    const [one, many] = EVENT_TYPE_WORDS[type] ?? [`“${type.replace(/_/g, " ")}” event`, `“${type.replace(/_/g, " ")}” events`];
    return `${v} ${plural(n, one, many)}`;
  }
  switch (key) {
    case "customersCreated":
      return `${v} new ${plural(n, "customer", "customers")} created from the ids in the rows`;
    case "productsCreated":
      return `${v} new ${plural(n, "product", "products")} created from the codes in the rows`;
    case "campaignsCreated":
      return `${v} new ${plural(n, "campaign", "campaigns")} created from the ids in the rows`;
    case "productsRenamed":
      return `${v} ${plural(n, "product", "products")} renamed to the description their order lines give most often`;
    case "productNamesFilled": // imports before the most frequent description was kept
      return `${v} product ${plural(n, "name", "names")} filled in`;
    case "guestRows":
      return `${v} guest ${plural(n, "line", "lines")} without a customer (counted in sales, not in customer profiles)`;
    case "blankLines":
      return `${v} blank ${plural(n, "line", "lines")} skipped`;
    case "readAsLatin1FromByte":
      return `read as Latin-1 from byte ${v} on, where the text stopped being UTF-8`;
    default:
      return `${key}: ${v}`;
  }
}

/** The side effects of an import in words, largest first; zero counts are left out. */
export function describeDetails(details: Record<string, number>, num: (x: number) => string): string[] {
  return Object.entries(details)
    .filter(([, n]) => typeof n === "number" && n > 0)
    .sort(([a], [b]) => Number(a.startsWith("type:")) - Number(b.startsWith("type:")))
    .map(([k, n]) => describeOne(k, n, num));
}

/** "under 0.1 s", "0.4 s", "12 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  if (seconds < 0.05) return "under 0.1 s";
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** "812 bytes", "14.2 kB", "3.4 MB", "1,024 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  const mb = bytes / 1024 / 1024;
  return `${mb.toLocaleString("en-GB", { maximumFractionDigits: mb < 10 ? 1 : 0 })} MB`;
}
