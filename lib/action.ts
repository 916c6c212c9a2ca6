// The one way server actions are built (../shared/STYLE.md "Uniform actions"): parse the input with zod,
// check who is asking, run one service call, revalidate, and answer with a result the page can show.
// Expected errors (bad input, ImportInputError, ActionError) reach the person with their own message;
// anything else is logged without its message or input (they may hold personal data) and the person
// gets a generic message with a reference to quote.
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { RuleError } from "./db/segment-rules";
import { ImportInputError } from "./services/import/analyse";

export type ActionErrorCode = "invalid_input" | "rejected" | "unauthorised" | "not_found" | "internal";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: Record<string, string[]> };

/** An error whose message is written for the person using the page. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly code: Exclude<ActionErrorCode, "internal" | "invalid_input"> = "rejected",
  ) {
    super(message);
    this.name = "ActionError";
  }
}

/** Who is calling. Empty until sign-in exists. */
export interface ActionContext {
  userId: string | null;
}

export interface ActionSpec<S extends z.ZodType, T> {
  /** For logs only. */
  name: string;
  input: S;
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
  /** Paths whose server-rendered data the action changes. */
  revalidate?: readonly string[];
}

// Auth seam: when sign-in arrives, read the session here, check its role against the action (add a
// `role` to ActionSpec) and throw new ActionError("…", "unauthorised"). Every action already passes here.
async function authorise(): Promise<ActionContext> {
  return { userId: null };
}

function describeZodError(error: z.ZodError): { message: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const message = error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
  return { message: message || "The request was not valid.", fieldErrors };
}

/** Turns any thrown value into the failure half of ActionResult; shared with the route handlers. */
export function toActionFailure(e: unknown, name: string): Extract<ActionResult<never>, { ok: false }> {
  if (e instanceof z.ZodError) return { ok: false, code: "invalid_input", ...describeZodError(e) };
  if (e instanceof ActionError) return { ok: false, code: e.code, message: e.message };
  if (e instanceof ImportInputError || e instanceof RuleError) return { ok: false, code: "rejected", message: e.message };
  const ref = randomUUID().slice(0, 8);
  // Only the error's class and stack frames: its message may quote a row or an email address.
  const frames = e instanceof Error ? (e.stack ?? "").split("\n").filter((l) => l.trimStart().startsWith("at ")).slice(0, 8).join("\n") : "";
  console.error(`[${name}] unexpected ${e instanceof Error ? e.name : typeof e} (ref ${ref})\n${frames}`);
  return { ok: false, code: "internal", message: `Something went wrong on our side (reference ${ref}). Try again; if it keeps happening, give the reference to whoever runs MarketLens.` };
}

export function createAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) return { ok: false, code: "invalid_input", ...describeZodError(parsed.error) };
      const ctx = await authorise();
      const data = await spec.run(parsed.data, ctx);
      for (const p of spec.revalidate ?? []) revalidatePath(p);
      return { ok: true, data };
    } catch (e) {
      return toActionFailure(e, spec.name);
    }
  };
}
