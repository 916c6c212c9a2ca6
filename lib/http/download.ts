// Headers for the routes that answer with a file.
import { toCsvLine } from "../csv/csv-export";
/** Content-Disposition for a download: an ASCII fallback name, and the exact name for browsers that read filename*. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A CSV download streamed a page at a time, so 100,000 rows never sit in memory: the header, then each
 * page of `pages` as lines (cells formula-neutralised by toCsvLine).
 */
export function csvDownload<T>(fileName: string, header: readonly string[], pages: AsyncIterator<readonly T[]>, cells: (row: T) => readonly (string | number | null)[]): Response {
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(encoder.encode(toCsvLine(header) + "\n"));
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((r) => toCsvLine(cells(r)) + "\n").join("")));
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(fileName), "Cache-Control": "no-store" } });
}
