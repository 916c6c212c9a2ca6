// Encryption at rest of customers' email and name (MARKETLENS_ENCRYPT_PII=1), for copies and backups of the
// database file: AES-256-GCM under a key derived from the installation's secret. The nonce is an HMAC of
// the field and the value (the synthetic-IV construction of RFC 5297 applied to GCM), so the same value
// always encrypts the same way: re-imports still see "unchanged", and two different values never share a
// nonce. The price is that equal values are visibly equal in the file, which the blind index (a keyed hash of
// the normalised value, for exact lookups) reveals anyway. Values are stored as "enc1:<base64url>".
import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import { env } from "../env";
import { deriveKey } from "./secret";

/** "row": a refused import row and its reason, which quote the file's cells. */
export type PiiField = "email" | "name" | "row";
const PREFIX = "enc1:";

let keys: { enc: Buffer; iv: Buffer; index: Buffer } | null = null;
function k() {
  keys ??= { enc: deriveKey("pii-encryption"), iv: createHmac("sha256", deriveKey("pii-encryption")).update("nonce").digest(), index: deriveKey("pii-blind-index") };
  return keys;
}

export function isPiiEncryptionOn(): boolean {
  return env.MARKETLENS_ENCRYPT_PII === "1";
}

export function isEncrypted(v: string | null | undefined): boolean {
  return typeof v === "string" && v.startsWith(PREFIX);
}

export function encryptPii(field: PiiField, plain: string): string {
  const iv = createHmac("sha256", k().iv).update(`${field}:${plain}`).digest().subarray(0, 12);
  const cipher = createCipheriv("aes-256-gcm", k().enc, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The value in clear: encrypted ones decrypted (a damaged one throws), others as they are. */
export function revealPii<T extends string | null | undefined>(v: T): T {
  if (!isEncrypted(v)) return v;
  const raw = Buffer.from((v as string).slice(PREFIX.length), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", k().enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8") as T;
}

/** A row's email and name in clear. */
export function revealRow<T extends { email?: string | null; name?: string | null }>(row: T): T {
  if (!isEncrypted(row.email) && !isEncrypted(row.name)) return row;
  return { ...row, ...("email" in row ? { email: revealPii(row.email) } : {}), ...("name" in row ? { name: revealPii(row.name) } : {}) };
}

/** The keyed hash exact lookups use: emails trimmed and lower-cased, names trimmed and lower-cased. */
export function blindIndex(field: PiiField, v: string): string {
  return createHmac("sha256", k().index).update(`${field}:${v.trim().toLowerCase()}`).digest("hex");
}

/** A refused row's text as stored: encrypted when encryption is on. */
export function sealText(v: string): string {
  return isPiiEncryptionOn() ? encryptPii("row", v) : v;
}

/** What a customer's email or name is stored as, and its index: encrypted when encryption is on, else as given. */
export function sealPii(field: PiiField, v: string | null): { stored: string | null; index: string | null } {
  if (!isPiiEncryptionOn() || v === null || v === "") return { stored: v, index: null };
  // A keyed hash (an import with hashEmails) is no address: kept as it is, with its index for lookups.
  if (v.startsWith("hmac-sha256:")) return { stored: v, index: blindIndex(field, v) };
  return { stored: encryptPii(field, v), index: blindIndex(field, v) };
}
