// GET /api/recommendations/{customerId}?n=10&algorithm=hybrid[&includeBought=1][&excludeProducts=1,2]
//   [&excludeCategories=A,B][&minPrice=][&maxPrice=]: items, scores and a reason for each, as JSON.
// customerId is the database id (as in /customers/{id}). A session, or a token with recommendations:read.
import { getCustomerProfile } from "@/lib/db/customer-profile";
import { UserError } from "@/lib/errors";
import { API } from "@/lib/http/api-catalogue";
import { notFound, parseId, parseQuery, route } from "@/lib/http/route";
import { exclusionsOf } from "@/lib/services/recs/request";
import { loadServingModels, recommendFromModels } from "@/lib/services/recs/serving";

export const GET = route<{ customerId: string }>("recommendations API", API.recommendations.access, async (request, params) => {
  const customerId = parseId(params.customerId, "customer");
  const q = parseQuery(request, API.recommendations.query);
  const customer = await getCustomerProfile(customerId);
  if (!customer) throw notFound("customer");
  const models = await loadServingModels();
  if (!models) throw new UserError("No recommendation models are trained yet. Train them on the Recommendations page first.", "conflict");
  const r = await recommendFromModels(models, customer.id, q.algorithm, q.n, exclusionsOf(q));
  return Response.json({ ...r, externalId: customer.externalId }, { headers: { "Cache-Control": "no-store" } });
});
