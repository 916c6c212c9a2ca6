// One analysis run's status as JSON, for the progress bars of clustering, training and evaluation.
import { getModelRunStatus } from "@/lib/db/model-runs";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const run = id === null ? null : await getModelRunStatus(id);
  if (!run) return Response.json({ error: "There is no such run." }, { status: 404 });
  return Response.json(run, { headers: { "Cache-Control": "no-store" } });
}
