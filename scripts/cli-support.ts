// Shared plumbing for CLI commands: flag parsing errors, one JSON object on stdout, errors on stderr.

import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { gunzipSync } from "node:zlib";
import type { Delimiter } from "../lib/csv/detect";
import { UserError } from "../lib/errors";
import { dayProblem, parseDay } from "../lib/days";
import type { Actor } from "../lib/services/users";

/** Whoever can run the CLI can read the database file anyway: the audit log names them by their OS account. */
export function cliActor(): Actor & { caller: { userId: string; label: string } } {
  return { caller: { userId: "cli", label: `command line (${userInfo().username})` }, via: "cli" };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CommandContext {
  json: boolean;
  /** Progress and notes for people: stderr, so stdout stays one JSON object with --json. */
  log: (line: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<{ json: object; text: string }>;
}

export function parseIntegerFlag(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

export function parseDateFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const problem = dayProblem(value);
  if (problem) throw new UsageError(`--${name}: ${problem}`);
  return parseDay(value)!;
}

const DELIMITER_NAMES: Record<string, Delimiter> = { ",": ",", comma: ",", ";": ";", semicolon: ";", tab: "\t", "\t": "\t", "\\t": "\t", "|": "|", pipe: "|" };

/** --delimiter by name (comma, semicolon, tab, pipe) or as the character itself. */
export function parseDelimiter(v: string | undefined): Delimiter | undefined {
  if (v === undefined) return undefined;
  const d = DELIMITER_NAMES[v.toLowerCase()];
  if (!d) throw new UsageError(`--delimiter must be comma, semicolon, tab or pipe, got "${v}"`);
  return d;
}

/** A comma-separated flag (--drop a,b) as its trimmed, non-empty items. */
export function listFlag(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** A whole text file, gunzipped when its name ends in .gz. */
export function readText(file: string): string {
  if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
  const bytes = readFileSync(file);
  return (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}
