// GET /api/customers/export?by=id|externalId|email&value=…: everything stored about one customer as a JSON
// download (GDPR access and portability). Admins only; audited by customer id.
import { requestOrigin } from "@/lib/auth/auth";
import { API } from "@/lib/http/api-catalogue";
import { attachment } from "@/lib/http/download";
import { parseQuery, route } from "@/lib/http/route";
import { exportCustomerData } from "@/lib/services/gdpr";

export const GET = route("customer export", API.customerExport.access, async (request, _params, caller) => {
  const by = parseQuery(request, API.customerExport.query);
  const data = await exportCustomerData(by, { caller, origin: requestOrigin(request), via: "admin page" });
  const id = data.customer?.id ?? "customer";
  return new Response(JSON.stringify(data, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachment(`customer-${id}-export.json`), "Cache-Control": "no-store" } });
});
