// The one error class whose message is written for the person using MarketLens: actions, route handlers,
// jobs and the CLI show its message as it is. Anything else thrown is a bug or an outage: it is logged
// with a reference and the person gets a generic message quoting that reference.
//
// lib/ml stays pure and throws RangeError for bad shapes or settings; the services that call it translate
// the ones they expect into UserError (never `instanceof RangeError` at the edges: V8's own RangeErrors,
// "Invalid typed array length" or "Maximum call stack size exceeded", must reach the logs).

export type UserErrorCode = "rejected" | "not_found" | "unauthorised" | "conflict";

export class UserError extends Error {
  constructor(
    message: string,
    readonly code: UserErrorCode = "rejected",
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** The status a route handler answers a UserError with. */
export const HTTP_STATUS: Record<UserErrorCode | "invalid_input" | "internal", number> = {
  invalid_input: 400,
  rejected: 422,
  unauthorised: 403,
  not_found: 404,
  conflict: 409,
  internal: 500,
};
