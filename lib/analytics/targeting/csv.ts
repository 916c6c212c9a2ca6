// The audience export for ad platforms: one row per customer in the audience, with the email as it is or as
// the platforms' match key, SHA-256 hex of the trimmed, lower-cased address (Google Customer Match and Meta
// Custom Audiences both hash that normal form).
// node:crypto rather than a hand-written digest: this runs on the server only (the export route).
import { createHash } from "node:crypto";
import { MlRangeError } from "../../ml/errors";
import { expectedValues } from "./expected-value";
import { type TargetingInputs, checkInputs, selectedRows } from "./inputs";


export interface AudienceExportRow {
  readonly customerId: string;
  /** The address, trimmed; always null with hashEmails, so no address leaves in a hashed export. */
  readonly email: string | null;
  /** SHA-256 hex of the normalised address; null without hashEmails or without a usable address. */
  readonly emailSha256: string | null;
  readonly pClick: number;
  readonly pConvert: number;
  readonly evPerImpression: number;
}

export interface AudienceExport {
  readonly hashEmails: boolean;
  readonly rows: readonly AudienceExportRow[];
}

// An import with hashEmails stores only a keyed hash under this prefix (lib/auth/pii-hash.ts): the address
// is gone, and hashing the stored hash would give a key no platform can match, so such rows export no email.
const STORED_HASH_PREFIX = "hmac-sha256:";

/** The trimmed, lower-cased address, or null for none, blank, or a stored keyed hash. */
export function normalisedEmail(email: string | null): string | null {
  const e = email?.trim().toLowerCase() ?? "";
  // No "@": not an address (a blank, a stored keyed hash, a placeholder), so nothing a platform could match.
  return e === "" || e.startsWith(STORED_HASH_PREFIX) || !e.includes("@") ? null : e;
}

export function emailSha256(email: string | null): string | null {
  const e = normalisedEmail(email);
  return e === null ? null : sha256Hex(e);
}

/** The export rows for `audience` (rows as chosen, in that order), ids and emails given per customer. */
export function audienceExport(
  inputs: TargetingInputs,
  audience: Int32Array,
  people: { readonly customerIds: readonly string[]; readonly emails: readonly (string | null)[]; readonly hashEmails: boolean },
): AudienceExport {
  const n = checkInputs("audienceExport", inputs);
  for (const [name, list] of [["customerIds", people.customerIds], ["emails", people.emails]] as const) {
    if (list.length !== n) throw new MlRangeError(`audienceExport: ${name} has ${list.length} entries but there are ${n} customers`);
  }
  const rows = selectedRows("audienceExport", audience, n);
  const { ev } = expectedValues(inputs);
  return {
    hashEmails: people.hashEmails,
    rows: Array.from(rows, (i) => {
      const email = people.emails[i] ?? null;
      return {
        customerId: people.customerIds[i]!,
        // Unhashed, the address goes out as typed, only trimmed: people read the file too.
        email: people.hashEmails || normalisedEmail(email) === null ? null : email!.trim(),
        emailSha256: people.hashEmails ? emailSha256(email) : null,
        pClick: inputs.pClick[i]!,
        pConvert: inputs.pConvert[i]!,
        evPerImpression: ev[i]!,
      };
    }),
  };
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
