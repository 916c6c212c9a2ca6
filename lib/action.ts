// The one way server actions are built (../shared/STYLE.md "Uniform actions"): parse the input with zod,
// check who is asking, run one service call, revalidate, and answer with a result the page can show.
// Expected errors (bad input, UserError) reach the person with their own message; anything else is logged
// without its message or input (they may hold personal data) and the person gets a generic message with a
// reference to quote (lib/errors.ts, shared with the route handlers and the CLI).
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { requestOrigin } from "./auth/auth";
import { callerFromHeaders, type Caller } from "./auth/caller";
import { authoriseCaller } from "./auth/guard";
import type { Permission } from "./auth/roles";
import { recordAuditEvent, type AuditInput } from "./db/audit";
import { describeError, describeZodError, type ErrorBody, logUnexpected } from "./errors";

export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorBody);

/** Where a call comes from, for the audit log. */
export interface CallOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Who is calling, already checked against the action's permission. */
export interface ActionContext {
  caller: Caller;
  origin: CallOrigin;
}

interface BaseSpec<S extends z.ZodType> {
  /** For logs and the audit log. */
  name: string;
  input: S;
  /** Paths whose server-rendered data the action changes. */
  revalidate?: readonly string[];
}

export interface ActionSpec<S extends z.ZodType, T> extends BaseSpec<S> {
  /** What the caller's role must allow (lib/auth/roles.ts). Checked before the input is read. */
  permission: Permission;
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
  /**
   * For actions the audit log records (imports, settings): what was acted on, without personal data. The
   * outcome is recorded too when the action fails (its error code, never the message, which may quote a row).
   */
  audit?: (input: z.output<S>, data: NoInfer<T> | null) => Pick<AuditInput, "target" | "detail">;
}

async function callOrigin(): Promise<{ headers: Headers; origin: CallOrigin }> {
  const h = await headers();
  return { headers: h, origin: requestOrigin(new Request("http://action", { headers: h })) };
}

// Every action passes here first: a caller without the permission is refused (and the refusal audited)
// before the input is parsed or anything runs. Server actions come from the app's own pages only (Next
// checks their Origin), so an API token is never accepted here.
async function authorise(spec: { name: string; permission: Permission }): Promise<ActionContext> {
  const { headers: h, origin } = await callOrigin();
  const caller = await callerFromHeaders(h).catch(() => null);
  return { caller: await authoriseCaller(caller?.via === "session" ? caller : null, { permission: spec.permission }, spec.name, origin), origin };
}

/** Turns any thrown value into the failure half of ActionResult. */
export function toActionFailure(e: unknown, name: string): Extract<ActionResult<never>, { ok: false }> {
  return { ok: false, ...describeError(e, name) };
}

function build<S extends z.ZodType, C, T>(spec: BaseSpec<S>, context: () => Promise<C>, run: (input: z.output<S>, ctx: C) => Promise<T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const ctx = await context();
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) return { ok: false, code: "invalid_input", ...describeZodError(parsed.error) };
      const data = await run(parsed.data, ctx);
      for (const p of spec.revalidate ?? []) revalidatePath(p);
      return { ok: true, data };
    } catch (e) {
      return toActionFailure(e, spec.name);
    }
  };
}

export function createAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): (input: z.input<S>) => Promise<ActionResult<T>> {
  const audit = spec.audit;
  if (!audit) return build(spec, () => authorise(spec), spec.run);
  return build(spec, () => authorise(spec), async (input, ctx) => {
    const record = (data: T | null, outcome: "ok" | "failed", code?: string) =>
      recordAuditEvent({ action: spec.name, outcome, actor: { id: ctx.caller.userId, label: ctx.caller.label }, ...ctx.origin, ...audit(input, data), ...(code ? { detail: { ...audit(input, data).detail, error: code } } : {}) });
    let data: T;
    try {
      data = await spec.run(input, ctx);
    } catch (e) {
      await record(null, "failed", describeErrorCode(e));
      throw e;
    }
    // Done is done: a failure to record it is logged, not turned into an error for the person.
    await record(data, "ok").catch((e: unknown) => logUnexpected(e, `${spec.name} audit`));
    return data;
  });
}

function describeErrorCode(e: unknown): string {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : "internal";
}

/** An action anyone may call: only the first-run set-up, which itself refuses once a user exists. */
export function createPublicAction<S extends z.ZodType, T>(spec: BaseSpec<S> & { run: (input: z.output<S>, ctx: { origin: CallOrigin }) => Promise<T> }): (input: z.input<S>) => Promise<ActionResult<T>> {
  return build(spec, async () => ({ origin: (await callOrigin()).origin }), spec.run);
}
