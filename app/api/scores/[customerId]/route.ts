// GET /api/scores/{customerId}?model=gbt[&run=12][&channel=email][&adType=promotion][&adPosition=inline]:
// the customer's probability of a click (or conversion, as the run was trained) and the reasons in words.
// customerId is the database id (as in /customers/{id}). A session, or a token with scores:read.
import { UserError } from "@/lib/errors";
import { getCustomerProfile } from "@/lib/db/customer-profile";
import { API } from "@/lib/http/api-catalogue";
import { notFound, parseId, parseQuery, route } from "@/lib/http/route";
import { scoreCustomer } from "@/lib/services/scoring/serving";

export const GET = route<{ customerId: string }>("scores API", API.scores.access, async (request, params) => {
  const customerId = parseId(params.customerId, "customer");
  const q = parseQuery(request, API.scores.query);
  const customer = await getCustomerProfile(customerId);
  if (!customer) throw notFound("customer");
  const s = await scoreCustomer(customer.id, { runId: q.run, model: q.model, setup: { channel: q.channel, adType: q.adType, adPosition: q.adPosition } });
  if (!s) throw new UserError("No scoring models are trained yet. Train them on the Scoring page first.", "conflict");
  const reasons = s.reasons.map((r) => ({ feature: r.feature, value: r.value, oddsFactor: Math.round(r.oddsFactor * 1000) / 1000, text: r.text }));
  return Response.json({ ...s, reasons, externalId: customer.externalId }, { headers: { "Cache-Control": "no-store" } });
});
