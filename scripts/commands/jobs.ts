// jobs start|list|show|cancel|run: every background job from the shell, on the same queue the pages use.
// A job started here is run by the server when one is up; with --wait, or with `jobs run`, this process
// works the queue itself when none is.
import { parseArgs } from "node:util";
import { z } from "zod";
import { describeZodError, UserError } from "../../lib/errors";
import path from "node:path";
import { ImportOptions } from "../../lib/csv/import-options";
import { IMPORT_KINDS } from "../../lib/csv/kinds";
import { analyseFile } from "../../lib/services/import/analyse";
import { importJob, prepareImportJob } from "../../lib/services/import/import-job";
import { JOB_KINDS, jobKindSpec } from "../../lib/services/jobs/job-kinds";
import { type JobView, listJobViews, loadJobView } from "../../lib/services/jobs/job-view";
import { cancelJob, enqueueJob, runJobHere, runQueuedJobs } from "../../lib/services/jobs/runner";
import { applyMigrations } from "../../lib/db/schema-engine";
import { env } from "../../lib/env";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { cliActor, type Command, type CommandContext, parseIntegerFlag, UsageError } from "../cli-support";
import { recordAuditEventDirect } from "../../lib/db/audit-direct";

/** name=value → { name: value }: JSON values as JSON (numbers, true, lists, objects), a,b,c as a list, anything else as text. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param takes name=value, got "${pair}"`);
    const [name, raw] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      if (raw.includes(",")) value = raw.split(",").map((s) => s.trim());
    }
    // a.b=1 sets a nested field: --param interactions.halfLifeDays=30
    const path = name.split(".");
    let at = out;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = value;
  }
  return out;
}

/** A list field given one value (`--param features=monetary`) gets a list of one. */
export function listsWhereExpected(schema: z.ZodType, params: Record<string, unknown>): Record<string, unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const isList = (t: z.ZodType | undefined): boolean => {
    let at = t;
    while (at instanceof z.ZodDefault || at instanceof z.ZodOptional) at = at.unwrap() as z.ZodType;
    return at instanceof z.ZodArray;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" && isList(shape[k]) ? [v] : v]));
}

function line(j: JobView): string {
  const pct = `${Math.round(j.progress * 100)}%`;
  const what = j.isFinished ? (j.message ?? "") : (j.progressNote ?? "");
  const secs = j.seconds === null ? "" : ` ${j.seconds.toFixed(1)} s`;
  return `${String(j.id).padStart(5)}  ${j.kind.padEnd(18)} ${j.status.padEnd(9)} ${pct.padStart(4)}${secs}  ${what}`;
}

async function watch(jobId: number, ctx: CommandContext): Promise<JobView> {
  await runJobHere(jobId, (j) => ctx.log(`job ${jobId}: ${j.status === "queued" ? "waiting its turn" : `${Math.round(j.progress * 100)}% ${j.progressNote ?? ""}`}`));
  return (await loadJobView(jobId))!;
}

const KINDS = () => [...JOB_KINDS.keys()].join(", ");

async function start(args: string[], ctx: CommandContext) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { param: { type: "string", multiple: true, default: [] }, wait: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
  const [kind, ...extra] = positionals;
  if (!kind || extra.length) throw new UsageError(`give one job kind: ${KINDS()}`);
  const spec = jobKindSpec(kind);
  if (!spec) throw new UsageError(`unknown job kind "${kind}"; use one of ${KINDS()}`);
  const params = parseParams(values.param ?? []);
  let jobId: number;
  if (spec === importJob) jobId = await queueImport(params);
  else {
    const parsed = spec.parameters.schema.safeParse({ ...listsWhereExpected(spec.parameters.schema, params), version: spec.parameters.version });
    if (!parsed.success) throw new UsageError(`the parameters of ${kind} are not valid: ${describeZodError(parsed.error).message}`);
    jobId = await enqueueJob(spec, parsed.data);
  }
  const cli = cliActor().caller;
  await recordAuditEventDirect({ actor: { id: cli.userId, label: cli.label }, action: "job.start", outcome: "ok", target: `job ${jobId}`, detail: { kind } });
  ctx.log(`Queued job ${jobId} (${spec.label.toLowerCase()}).`);
  const job = values.wait ? await watch(jobId, ctx) : (await loadJobView(jobId))!;
  const text = values.wait ? line(job) : `${line(job)}\nThe server runs it when it is up; follow it with: npm run -s cli -- jobs show ${jobId}`;
  if (values.wait && job.status === "failed") throw new UserError(`job ${jobId} failed: ${job.message}`);
  return { json: job, text };
}

const ImportParams = z.object({ kind: z.enum(IMPORT_KINDS), file: z.string().min(1), dryRun: z.boolean().default(false) }).strict();

/** An import with everything detected, as the import command does without flags (it has them all). */
async function queueImport(params: Record<string, unknown>): Promise<number> {
  const parsed = ImportParams.safeParse(params);
  if (!parsed.success) throw new UsageError(`an import takes --param kind=<${IMPORT_KINDS.join("|")}> --param file=PATH [--param dryRun=true]: ${describeZodError(parsed.error).message}`);
  const filePath = path.resolve(parsed.data.file);
  const analysis = await analyseFile(filePath, { kind: parsed.data.kind });
  const options = ImportOptions.parse({ ...analysis, kind: parsed.data.kind, dryRun: parsed.data.dryRun });
  const { parameters, importRow } = await prepareImportJob(filePath, path.basename(filePath), options);
  return enqueueJob(importJob, parameters, importRow);
}

const Id = z.coerce.number().int().positive();

function jobId(positionals: string[]): number {
  const parsed = Id.safeParse(positionals[0]);
  if (!parsed.success || positionals.length !== 1) throw new UsageError(`give one job id, got "${positionals.join(" ")}"`);
  return parsed.data;
}

export const jobsCommand: Command = {
  name: "jobs",
  summary: "start, watch and cancel background jobs (import, customer-clusters, recommenders, recs-evaluation); run queued jobs here",
  usage: "jobs start <kind> [--param name=value …] [--wait] | jobs list [--kind K] [--limit N] | jobs show N [--wait] | jobs cancel N | jobs run  [--json]",
  async run(args, ctx) {
    const [sub, ...rest] = args;
    // Starting and running jobs prepare the database as any start does; reading and cancelling must not
    // (it would rebuild the indexes an import under way has dropped, and wait on its lock).
    if (sub === "start" || sub === "run") await prepareDatabase({ seedIfEmpty: false });
    else await applyMigrations(env.DATABASE_URL);
    switch (sub) {
      case "start":
        return start(rest, ctx);
      case "list": {
        const { values } = parseArgs({ args: rest, strict: true, options: { kind: { type: "string" }, limit: { type: "string" }, json: { type: "boolean", default: false } } });
        const jobs = await listJobViews({ kind: values.kind, take: parseIntegerFlag("limit", values.limit, 20, 1) });
        return { json: { jobs }, text: jobs.length ? jobs.map(line).join("\n") : "No jobs yet." };
      }
      case "show": {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { wait: { type: "boolean", default: false }, json: { type: "boolean", default: false } } });
        const id = jobId(positionals);
        const job = values.wait ? await watch(id, ctx) : await loadJobView(id);
        if (!job) throw new UserError(`There is no job ${id}.`, "not_found");
        return { json: job, text: line(job) };
      }
      case "cancel": {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { json: { type: "boolean", default: false } } });
        const id = jobId(positionals);
        const outcome = await cancelJob(id);
        if (outcome === "missing") throw new UserError(`There is no job ${id}.`, "not_found");
        const words = { cancelled: "cancelled before it started", requested: "asked to stop; it stops at its next step, keeping what it committed", finished: "already finished" }[outcome];
        return { json: { jobId: id, outcome }, text: `Job ${id}: ${words}.` };
      }
      case "run": {
        parseArgs({ args: rest, strict: true, options: { json: { type: "boolean", default: false } } });
        const ran = await runQueuedJobs("inline");
        return { json: { ran }, text: ran ? `Ran ${ran} queued job${ran === 1 ? "" : "s"}.` : "No queued job to run (or another process is running one)." };
      }
      default:
        throw new UsageError(sub ? `unknown jobs command "${sub}"` : "give a jobs command: start, list, show, cancel or run");
    }
  },
};
