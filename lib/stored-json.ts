// JSON columns read back through a zod schema instead of a cast. Each stored shape carries a `version`;
// rows written before versions existed have none and count as version 0. An older row is migrated step
// by step to the current version when a migration exists, and refused with a message the person can act
// on (run it again) when not. Pure: no Prisma, so services, lib/db and tests share it.
//
// Which errors are for the person: an older or newer format is expected after an upgrade or a downgrade,
// so it is a UserError naming what to do. A row that claims the current version but does not match it is
// a bug or a hand edit: a plain Error (StoredShapeError), logged with a reference. Neither message quotes
// the row's contents (stored results hold customer ids, attributes, rule values): only its format version
// and the path of the first field that failed.
import { z } from "zod";
import { UserError } from "./errors";

/** Turns a row of one version into a row of the next; its input is checked after the last step only. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

export interface StoredShape<T> {
  /** What is stored, in words, for messages: "clustering result". */
  readonly name: string;
  /** The version this build writes and reads. */
  readonly version: number;
  /** The current version's schema; its `version` field is `z.literal(version)`. */
  readonly schema: z.ZodType<T>;
  /** migrations[v] turns a version-v row into a version-(v + 1) row; a version without one is refused. */
  readonly migrations: Readonly<Record<number, Migration>>;
  /** What the person can do about a row that cannot be read: "run the clustering again". */
  readonly remedy: string;
}

export function storedShape<T extends { version: number }>(shape: Omit<StoredShape<T>, "migrations"> & { migrations?: StoredShape<T>["migrations"] }): StoredShape<T> {
  return { migrations: {}, ...shape };
}

/** A stored row that claims the current format but does not match it: a bug or a hand edit, logged. */
export class StoredShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoredShapeError";
  }
}

/** Version 0 for a plain object without one (written before versions were); null when there is no telling. */
function versionOf(value: unknown): number | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>).version;
  if (v === undefined) return 0;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}

/** Where the first problem is, without the value found there. */
function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const at = issue.path.length ? issue.path.map(String).join(".") : "the top level";
  return `${at}: ${issue.message}`;
}

/**
 * The stored value as the current version of `shape`, migrating an older one. `of` says which row, for
 * messages: "run 12", "segment 3".
 */
export function readStored<T>(shape: StoredShape<T>, value: unknown, of: string): T {
  const what = `The stored ${shape.name} of ${of}`;
  const found = versionOf(value);
  if (found === null) throw new StoredShapeError(`${what} is damaged (not an object with a format version) and cannot be read: ${shape.remedy}.`);
  if (found > shape.version) {
    throw new UserError(`${what} is in format version ${found}, written by a newer MarketLens than this one (which reads version ${shape.version}): ${shape.remedy}.`, "conflict");
  }
  const refused = () => new UserError(`${what} is in format version ${found}, which this version of MarketLens cannot read (it reads version ${shape.version}): ${shape.remedy}.`, "conflict");
  let row = value as Record<string, unknown>;
  for (let v = found; v < shape.version; v++) {
    const migrate = shape.migrations[v];
    if (!migrate) throw refused();
    try {
      row = migrate(row);
    } catch {
      // A migration meeting a form it does not know refuses the row like any other unreadable old one.
      throw refused();
    }
  }
  const parsed = shape.schema.safeParse(row);
  if (parsed.success) return parsed.data;
  // A migrated row that still does not fit came from an older form the migrations do not cover.
  if (found < shape.version) throw refused();
  throw new StoredShapeError(`${what} is damaged (${firstProblem(parsed.error)}) and cannot be read: ${shape.remedy}.`);
}

/** Rows written before versions existed, when they already have the current shape: only the version is added. */
export function addVersion(version: number): Migration {
  return (old) => ({ ...old, version });
}

/**
 * A number in a stored result. JSON writes NaN and ±Infinity as null (a metric over no users, a silhouette
 * of one cluster), so null reads back as NaN: what was computed, not a missing value.
 */
export const storedNumber = z
  .number()
  .nullable()
  .transform((v) => v ?? NaN);
