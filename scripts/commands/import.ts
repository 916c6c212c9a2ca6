import path from "node:path";
import { parseArgs } from "node:util";
import { DATE_FORMATS, type DateFormat } from "../../lib/csv/dates";
import { ATTRIBUTE_PREFIX, checkMapping, normaliseHeader } from "../../lib/csv/header-match";
import { ImportOptions } from "../../lib/csv/import-options";
import { IMPORT_KINDS, isImportKind, kindSpec, type ImportKind } from "../../lib/csv/kinds";
import { analyseFile, type FileAnalysis } from "../../lib/services/import/analyse";
import { importFile, type ImportSummary } from "../../lib/services/import/imports";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { cliActor, type Command, parseDelimiter, UsageError } from "../cli-support";
import { recordAuditEventDirect } from "../../lib/db/audit-direct";

function parseDateFormat(v: string | undefined): DateFormat | undefined {
  if (v === undefined) return undefined;
  const f = DATE_FORMATS.find((d) => d.id === v);
  if (!f) throw new UsageError(`--date-format must be one of ${DATE_FORMATS.map((d) => d.id).join(", ")}, got "${v}"`);
  return f.id;
}

/** --map Header=field: the column by header, number (1-based) or "column N"; the field by name or label. */
export function applyMapFlags(kind: ImportKind, analysis: Pick<FileAnalysis, "columns" | "mapping">, flags: readonly string[]): string[] {
  const mapping = [...analysis.mapping];
  const fields = kindSpec(kind).fields;
  for (const flag of flags) {
    const eq = flag.lastIndexOf("=");
    if (eq <= 0) throw new UsageError(`--map takes Column=field, got "${flag}"`);
    const [col, target] = [flag.slice(0, eq).trim(), flag.slice(eq + 1).trim()];
    const n = /^\d+$/.test(col) ? Number(col) - 1 : analysis.columns.findIndex((c) => normaliseHeader(c) === normaliseHeader(col));
    if (n < 0 || n >= mapping.length) throw new UsageError(`--map ${flag}: no column "${col}" (columns: ${analysis.columns.join(", ")})`);
    const field = fields.find((f) => normaliseHeader(f.name) === normaliseHeader(target) || normaliseHeader(f.label) === normaliseHeader(target));
    const value = target === "" || target === "ignore" ? "" : target.startsWith(ATTRIBUTE_PREFIX) ? target : field?.name;
    if (value === undefined) throw new UsageError(`--map ${flag}: "${target}" is not a field of ${kind} (${fields.map((f) => f.name).join(", ")}, attr:<name> or ignore)`);
    // A field goes to one column only: the flag moves it.
    if (value) mapping.forEach((t, i) => t === value && (mapping[i] = ""));
    mapping[n] = value;
  }
  return mapping;
}

function describe(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  const lines = [
    `${s.dryRun ? "Dry run of" : "Imported"} ${s.fileName} as ${s.kind} in ${s.seconds} s (${s.status}): ${n(s.rowsRead)} rows read, ${n(s.inserted)} inserted, ${n(s.updated)} updated, ${n(s.unchanged)} unchanged, ${n(s.rejected)} rejected.`,
  ];
  const details = Object.entries(s.details).filter(([, v]) => v > 0);
  if (details.length) lines.push(`Details: ${details.map(([k, v]) => `${k} ${n(v)}`).join(", ")}.`);
  for (const e of s.errors.slice(0, 5)) lines.push(`  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.reason}`);
  if (s.errorsFile) lines.push(`Every rejected row, with its reason: ${path.relative(process.cwd(), s.errorsFile)}`);
  if (s.dryRun) lines.push("Nothing was written (dry run).");
  return lines.join("\n");
}

export const importCommand: Command = {
  name: "import",
  summary: "import a CSV (or .csv.gz) file: customers, products, events, transactions, campaigns, campaign-events, campaign-daily-stats",
  usage: "import <kind> <file> [--map Column=field …] [--delimiter comma|semicolon|tab|pipe] [--no-header] [--encoding utf-8|latin1] [--decimal-comma] [--date-format iso|ymd-hms|mdy|dmy|unix-s|unix-ms] [--event-type NAME] [--hash-emails] [--dry-run] [--json]",
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        map: { type: "string", multiple: true, default: [] },
        delimiter: { type: "string" },
        "no-header": { type: "boolean", default: false },
        encoding: { type: "string" },
        "decimal-comma": { type: "boolean" },
        "date-format": { type: "string" },
        "event-type": { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "hash-emails": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const [kind, file, ...extra] = positionals;
    if (!kind || !file || extra.length) throw new UsageError("give the kind and one file");
    if (!isImportKind(kind)) throw new UsageError(`unknown kind "${kind}"; use one of ${IMPORT_KINDS.join(", ")}`);
    if (values.encoding !== undefined && values.encoding !== "utf-8" && values.encoding !== "latin1") throw new UsageError(`--encoding must be utf-8 or latin1, got "${values.encoding}"`);
    await prepareDatabase({ seedIfEmpty: false });
    const filePath = path.resolve(file);
    {
      const overrides = {
        kind,
        delimiter: parseDelimiter(values.delimiter),
        hasHeader: values["no-header"] ? false : undefined,
        encoding: values.encoding as "utf-8" | "latin1" | undefined,
        decimalComma: values["decimal-comma"],
        dateFormat: parseDateFormat(values["date-format"]),
      };
      const first = await analyseFile(filePath, overrides);
      const mapping = applyMapFlags(kind, first, values.map ?? []);
      const problems = checkMapping(kind, mapping, first.columns);
      if (problems.length) throw new UsageError(`${problems.join("\n")}\nColumns: ${first.columns.map((c, i) => `${i + 1}=${c}→${mapping[i] || "ignored"}`).join(", ")}`);
      // Analysed again with the final mapping, so dates are detected in the columns it names.
      const analysis = values.map?.length ? await analyseFile(filePath, { ...overrides, mapping }) : first;
      for (const w of analysis.warnings) ctx.log(`import: note: ${w}`);
      const options = ImportOptions.parse({ ...analysis, kind, mapping, eventType: values["event-type"], dryRun: values["dry-run"], hashEmails: values["hash-emails"] });
      const summary = await importFile(filePath, path.basename(filePath), options, (job) => {
        ctx.log(`import: ${job.status === "queued" ? "waiting for the job before it" : `${job.progressNote ?? "starting"}, ${Math.round(100 * job.progress)}% of the file`}`);
      });
      await recordAuditEventDirect({ actor: { id: cliActor().caller.userId, label: cliActor().caller.label }, action: "import", outcome: summary.status === "completed" ? "ok" : "failed", target: `job ${summary.jobId}`, detail: { kind, file: path.basename(filePath), dryRun: options.dryRun, rowsRead: summary.rowsRead, inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected } });
      return { json: summary, text: describe(summary) };
    }
  },
};
