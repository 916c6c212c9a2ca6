// One import job as JSON, for the import page's progress polling (server actions run one at a time per
// tab, so polling through them would queue behind everything else).
import { loadImportJob } from "@/lib/services/import/imports";
import { parseJobId } from "../job-id";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseJobId((await params).id);
  const job = id === null ? null : await loadImportJob(id);
  if (!job) return Response.json({ error: "There is no such import." }, { status: 404 });
  return Response.json(job, { headers: { "Cache-Control": "no-store" } });
}
