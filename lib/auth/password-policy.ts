// Password rules after NIST SP 800-63B §5.1.1.2: at least 8 characters, no composition rules, and not a
// known common password. The list is zxcvbn-ts's common-passwords dictionary (about 30,000 entries from
// leaked-password corpora), a maintained package rather than a list copied in here.
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 8;
/** better-auth's own ceiling; longer ones only cost hashing time. */
export const MAX_PASSWORD_LENGTH = 128;

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Why `password` is refused for the account `email`, in words for the person, or null when it is fine. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must be at most ${MAX_PASSWORD_LENGTH} characters long.`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || /^(.)\1+$/.test(password)) return "This password is one of the most common ones and easy to guess: choose another.";
  if (lower === "marketlens" || (email && (lower === email.toLowerCase() || lower === email.split("@")[0]?.toLowerCase()))) return "The password must not be the app's name or your email address.";
  return null;
}
