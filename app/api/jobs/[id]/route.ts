// One job's progress and outcome as JSON, for every progress bar (imports, clustering, training,
// evaluation): pages poll it, since server actions run one at a time per tab.
import { loadJobView } from "@/lib/services/jobs/job-view";
import { parseJobId } from "../../imports/job-id";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseJobId((await params).id);
  const job = id === null ? null : await loadJobView(id);
  if (!job) return Response.json({ code: "not_found", message: "There is no such job." }, { status: 404 });
  return Response.json(job, { headers: { "Cache-Control": "no-store" } });
}
