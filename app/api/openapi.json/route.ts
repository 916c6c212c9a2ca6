// GET /api/openapi.json: the OpenAPI 3.1 description of this API, for anyone signed in or any token.
import { API } from "@/lib/http/api-catalogue";
import { openApiDocument } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";
import { env } from "@/lib/env";

export const GET = route("openapi", API.openapi.access, async () => Response.json(openApiDocument(env.MARKETLENS_BASE_URL), { headers: { "Cache-Control": "no-store" } }));
