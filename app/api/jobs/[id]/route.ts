// One job's progress and outcome as JSON, for every progress bar (imports, clustering, training,
// evaluation): pages poll it, since server actions run one at a time per tab.
import { can } from "@/lib/auth/roles";
import { API } from "@/lib/http/api-catalogue";
import { notFound, parseId, route } from "@/lib/http/route";
import { loadJobView } from "@/lib/services/jobs/job-view";

export const GET = route<{ id: string }>("job status", API.jobStatus.access, async (_request, params, caller) => {
  const job = await loadJobView(parseId(params.id, "job"));
  if (!job) throw notFound("job");
  // An import's refusal reasons quote the file's cells: only for those who may import.
  const shown = job.import && !can(caller.role, "imports:write") ? { ...job, import: { ...job.import, errors: [] } } : job;
  return Response.json(shown, { headers: { "Cache-Control": "no-store" } });
});
