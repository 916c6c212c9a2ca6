// The one error class whose message is written for the person using MarketLens: actions, route handlers,
// jobs and the CLI show its message as it is. Anything else thrown is a bug or an outage: it is logged
// with a reference and the person gets a generic message quoting that reference.
//
// lib/ml stays pure and throws RangeError for bad shapes or settings; the services that call it translate
// the ones they expect into UserError (never `instanceof RangeError` at the edges: V8's own RangeErrors,
// "Invalid typed array length" or "Maximum call stack size exceeded", must reach the logs).
// No node: imports here: client components may import the codes and the body's type.
import { z } from "zod";
import { MlRangeError } from "./ml/errors";

/** unauthenticated: no session or token (401); unauthorised: signed in, but the role or token may not (403). */
export type UserErrorCode = "rejected" | "not_found" | "unauthenticated" | "unauthorised" | "conflict" | "rate_limited";

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: UserErrorCode = "rejected",
  ) {
    super(message);
    this.name = "UserError";
  }
}

export type ErrorCode = UserErrorCode | "invalid_input" | "internal";

/** What actions (with `ok: false`) and route handlers answer a failure with. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** The status a route handler answers a UserError with. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  rejected: 422,
  unauthenticated: 401,
  unauthorised: 403,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

/**
 * A deliberate lib/ml RangeError as a UserError; anything else, V8's own RangeErrors included, unchanged.
 * For services, at the call where they know lib/ml's complaint is about the person's data or settings:
 * `catch (e) { throw userErrorFromMl(e); }`.
 */
export function userErrorFromMl(e: unknown, code: UserErrorCode = "rejected"): unknown {
  return e instanceof MlRangeError ? new UserError(e.message, code) : e;
}

/** One message for the whole error and the issues by field ("_" for the input as a whole). */
export function describeZodError(error: z.ZodError): { message: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const message = error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
  return { message: message || "The request was not valid.", fieldErrors };
}

/** An error's code when it is an identifier (Prisma's P2034, SQLite's SQLITE_BUSY, ECONNRESET): never data. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

/**
 * Logs an unexpected error under `where` and returns the reference the person is given. Only the error's
 * class, its code when it has one, and stack frames are logged: its message may quote a row or an email
 * address.
 */
export function logUnexpected(e: unknown, where: string): string {
  const ref = crypto.randomUUID().slice(0, 8);
  const frames = e instanceof Error ? (e.stack ?? "").split("\n").filter((l) => l.trimStart().startsWith("at ")).slice(0, 8).join("\n") : "";
  const code = e instanceof Error && "code" in e && typeof e.code === "string" && ERROR_CODE.test(e.code) ? ` ${e.code}` : "";
  console.error(`[${where}] unexpected ${e instanceof Error ? e.name : typeof e}${code} (ref ${ref})\n${frames}`);
  return ref;
}

export function internalErrorMessage(ref: string): string {
  return `Something went wrong on our side (reference ${ref}). Try again; if it keeps happening, give the reference to whoever runs MarketLens.`;
}

/** Any thrown value as the body a person sees: UserError and ZodError as they are, the rest logged and generic. */
export function describeError(e: unknown, where: string): ErrorBody {
  if (e instanceof UserError) return { code: e.code, message: e.message };
  if (e instanceof z.ZodError) return { code: "invalid_input", ...describeZodError(e) };
  return { code: "internal", message: internalErrorMessage(logUnexpected(e, where)) };
}
