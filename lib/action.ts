// The one way server actions are built (../shared/STYLE.md "Uniform actions"): parse the input with zod,
// check who is asking, run one service call, revalidate, and answer with a result the page can show.
// Expected errors (bad input, UserError) reach the person with their own message; anything else is logged
// without its message or input (they may hold personal data) and the person gets a generic message with a
// reference to quote (lib/errors.ts, shared with the route handlers and the CLI).
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { describeError, describeZodError, type ErrorBody } from "./errors";

export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorBody);

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
// `role` to ActionSpec) and throw new UserError("…", "unauthorised"). Every action already passes here.
async function authorise(): Promise<ActionContext> {
  return { userId: null };
}

/** Turns any thrown value into the failure half of ActionResult. */
export function toActionFailure(e: unknown, name: string): Extract<ActionResult<never>, { ok: false }> {
  return { ok: false, ...describeError(e, name) };
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
