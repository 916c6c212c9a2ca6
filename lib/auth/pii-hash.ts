// Keyed hashes of personal data (HMAC-SHA-256 under a key derived from the installation's secret): the same
// address always gives the same hash here, so files can still be matched, but without the secret nobody can
// test a guessed address against it, as they could against a plain SHA-256.
import { createHmac } from "node:crypto";
import { deriveKey } from "./secret";

let key: Buffer | null = null;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The keyed hash of an email address (trimmed, lower-cased), as 64 hex digits. */
export function emailHash(email: string): string {
  key ??= deriveKey("email-hash");
  return createHmac("sha256", key).update(`email:${normaliseEmail(email)}`).digest("hex");
}

export const STORED_HASH_PREFIX = "hmac-sha256:";

/** An email as an import with hashEmails stores it: the keyed hash, marked so nobody mistakes it for an address. */
export function storedEmailHash(email: string): string {
  return STORED_HASH_PREFIX + emailHash(email);
}

/** The keyed hash of a customer's external id, exactly as imported. */
export function externalIdHash(externalId: string): string {
  key ??= deriveKey("email-hash");
  return createHmac("sha256", key).update(`id:${externalId}`).digest("hex");
}
