// The one way route handlers read their input and answer failures (umami's src/lib/request.ts shape): ids
// from dynamic segments and query parameters are checked here, and every failure is answered with the body
// a failed action returns, `{ code, message, fieldErrors? }` (lib/errors.ts), so a client reads one shape.
//
// Every handler names who may call it: a permission for people, and the scope an API token needs when tokens
// may call it at all (lib/auth/guard.ts). The handler gets the checked caller. State-changing requests
// made with a session cookie must come from this app's own pages (no cross-site request forgery).
//
//   export const GET = route("segment export", { permission: "exports:read", scope: "segments:read" }, async (request, { id }, caller) => {
//     const segmentId = parseId(id, "saved rule segment");
//     const q = parseQuery(request, Query);
//     …
//   });
import type { z } from "zod";
import { requestOrigin } from "../auth/auth";
import { callerFromHeaders, type Caller } from "../auth/caller";
import { authoriseCaller, type Access } from "../auth/guard";
import { env } from "../env";
import { describeError, HTTP_STATUS, UserError } from "../errors";

/** Failures are never cached: the next request may well succeed. */
const NO_STORE = { "Cache-Control": "no-store" };

// Ids are SQLite integers in an Int32 range everywhere else (typed arrays, packed runs); one spelling per id,
// so "007" or "1e3" is no id at all rather than an alias of 7 or 1000.
const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2 ** 31 - 1;

/** The error to throw when a row is missing, with the same message as a malformed id. */
export function notFound(what: string): UserError {
  return new UserError(`There is no ${what} with this id.`, "not_found");
}

/** A database id from a dynamic segment: a positive integer up to 2^31 − 1, else a 404 naming `what`. */
export function parseId(raw: string, what: string): number {
  const n = ID.test(raw) ? Number(raw) : NaN;
  if (!(n <= MAX_ID)) throw notFound(what);
  return n;
}

/** The query parameters, checked with `schema`: a failure is answered 400 with the issues by field. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/** Any thrown value as a JSON answer: UserError and ZodError as they are, the rest logged and generic (500). */
export function errorResponse(e: unknown, where: string, status?: number): Response {
  const body = describeError(e, where);
  return Response.json(body, { status: status ?? HTTP_STATUS[body.code], headers: NO_STORE });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser sent from another site. Browsers send Sec-Fetch-Site
 * (Chromium, Firefox, Safari since 2023) and Origin on such requests; a request with neither is not from a
 * browser page, so a cookie cannot have been sent along by a forgery.
 */
export function checkSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new UserError("This request came from another site and was refused.", "unauthorised");
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const allowed = [env.MARKETLENS_BASE_URL, host ? `http://${host}` : null, host ? `https://${host}` : null];
  if (!allowed.includes(origin)) throw new UserError("This request came from another site and was refused.", "unauthorised");
}

/**
 * A route handler whose throws are answered by errorResponse; `where` names it in the logs and the audit
 * log. The caller is checked against `access` first; the handler gets the dynamic segments already awaited.
 */
export function route<P extends Record<string, string | string[]> = Record<string, never>>(
  where: string,
  access: Access,
  handler: (request: Request, params: P, caller: Caller) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const caller = await callerFromHeaders(request.headers);
      if (caller?.via === "session") checkSameOrigin(request);
      const checked = await authoriseCaller(caller, access, where, requestOrigin(request));
      return await handler(request, await context.params, checked);
    } catch (e) {
      return errorResponse(e, where);
    }
  };
}
