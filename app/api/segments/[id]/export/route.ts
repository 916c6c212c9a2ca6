// A saved rule segment's members as CSV, streamed in pages so 100,000 members never sit in memory.
// Text cells are formula-neutralised (lib/csv/csv-export.ts).
import { toCsvLine } from "@/lib/csv/csv-export";
import { getSegment } from "@/lib/db/segments";
import { exportRuleMembers } from "@/lib/db/segment-rules";
import { parseJobId } from "../../../imports/job-id";
import { attachment } from "../../../download";

const HEADER = ["customer_id", "email", "name", "country", "orders", "revenue", "last_purchase_at"];

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseJobId((await params).id);
  const segment = id === null ? null : await getSegment(id);
  if (!segment?.rule) return Response.json({ error: "There is no saved rule segment with this id." }, { status: 404 });
  const pages = exportRuleMembers(segment.rule);
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsvLine(HEADER) + "\n"));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((r) => toCsvLine([r.externalId, r.email, r.name, r.country, r.orders, r.revenue, r.lastPurchaseAt?.toISOString().slice(0, 10) ?? null]) + "\n").join("")));
    },
  });
  const file = `${segment.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "segment"}.csv`;
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachment(file), "Cache-Control": "no-store" } });
}
