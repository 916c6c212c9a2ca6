// GET /api/recommendations/{customerId}?n=10&algorithm=hybrid[&includeBought=1][&excludeProducts=1,2]
//   [&excludeCategories=A,B][&minPrice=][&maxPrice=]: items, scores and a reason for each, as JSON.
// customerId is the database id (as in /customers/{id}). Access control arrives with its own issue.
import { getCustomerProfile } from "@/lib/db/customer-profile";
import { exclusionsOf, RecommendationQuery } from "@/lib/services/recs/request";
import { loadServingModels, recommendFromModels } from "@/lib/services/recs/serving";

const noStore = { "Cache-Control": "no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

export async function GET(request: Request, { params }: { params: Promise<{ customerId: string }> }) {
  const raw = (await params).customerId;
  if (!/^\d{1,9}$/.test(raw)) return fail(400, "customerId must be a customer's numeric id");
  const parsed = RecommendationQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return fail(400, parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
  const customer = await getCustomerProfile(Number(raw));
  if (!customer) return fail(404, `There is no customer ${raw}.`);
  const models = await loadServingModels();
  if (!models) return fail(409, "No recommendation models are trained yet. Train them on the Recommendations page first.");
  try {
    const q = parsed.data;
    const r = await recommendFromModels(models, customer.id, q.algorithm, q.n, exclusionsOf(q));
    return Response.json({ ...r, externalId: customer.externalId }, { headers: noStore });
  } catch (e) {
    if (e instanceof RangeError) return fail(409, e.message);
    throw e;
  }
}

