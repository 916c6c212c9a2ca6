// The installation's secret: MARKETLENS_SECRET when set (lib/env.ts refuses a weak one), else a random one
// made on first start and kept beside the database with owner-only permissions, so `npm run up` needs no
// set-up and every process of the installation (server, job children, CLI) reads the same one.
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, env, secretWeakness } from "../env";

let cached: string | null = null;

export function secretFilePath(): string {
  return path.join(dataDir(), "secret");
}

function readOrCreateSecretFile(file: string): string {
  try {
    const s = readFileSync(file, "utf8").trim();
    const weak = secretWeakness(s);
    if (weak) throw new Error(`The secret in ${file} ${weak}. Delete the file to have a new one made (everyone is signed out).`);
    // Someone widened it by hand: put it back to owner-only.
    if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
    return s;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": two processes starting at once must not each write their own.
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return readFileSync(file, "utf8").trim();
}

export function appSecret(): string {
  cached ??= env.MARKETLENS_SECRET ?? readOrCreateSecretFile(secretFilePath());
  return cached;
}

export type KeyPurpose = "session" | "email-hash" | "pii-encryption" | "pii-blind-index";

/** A 32-byte key for one purpose, derived from the secret, so no two uses share a key. */
export function deriveKey(purpose: KeyPurpose): Buffer {
  return createHmac("sha256", appSecret()).update(`marketlens:${purpose}`).digest();
}
