// The pure pieces of accounts and privacy: the password rule, masking, the role matrix's shape, the
// secret's strength check, and keyed hashes.
import { describe, expect, it } from "vitest";
import { secretWeakness } from "../env";
import { maskEmail, maskName, maskRow, piiView } from "./mask";
import { passwordProblem } from "./password-policy";
import { can, ROLES } from "./roles";

describe("passwords (NIST SP 800-63B: length and a common-password list, no composition rules)", () => {
  it("takes any 8 characters or more that are not a common password", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("zq8!vn3k")).toBeNull();
    expect(passwordProblem("alllowercaseandlong")).toBeNull();
  });
  it("refuses short, common, repeated or self-naming passwords with the reason", () => {
    expect(passwordProblem("short1!")).toBe("The password must be at least 8 characters long.");
    expect(passwordProblem("x".repeat(129))).toBe("The password must be at most 128 characters long.");
    for (const p of ["password", "Password1", "12345678", "qwertyuiop", "iloveyou"]) expect(passwordProblem(p), p).toBe("This password is one of the most common ones and easy to guess: choose another.");
    expect(passwordProblem("aaaaaaaaaa")).toBe("This password is one of the most common ones and easy to guess: choose another.");
    expect(passwordProblem("MarketLens")).toBe("The password must not be the app's name or your email address.");
    expect(passwordProblem("ana.lyst@shop.example", "Ana.Lyst@shop.example")).toBe("The password must not be the app's name or your email address.");
    expect(passwordProblem("ana.lyst", "ana.lyst@shop.example")).toBe("The password must not be the app's name or your email address.");
  });
});

describe("masking", () => {
  it("keeps an email's first letter and domain, a name's initials", () => {
    expect(maskEmail("john.smith@example.com")).toBe("j•••@example.com");
    expect(maskEmail("not-an-email")).toBe("•••");
    expect(maskEmail(null)).toBeNull();
    expect(maskName("john ronald smith")).toBe("J. R. S.");
    expect(maskName("Élodie")).toBe("É.");
    expect(maskName("  ")).toBeNull();
  });
  it("masks by role: analysts and admins see personal data, marketers and viewers do not", () => {
    const row = { id: 1, email: "ana@example.com", name: "Ana Lyst" };
    expect(ROLES.map((r) => [r, maskRow(row, piiView(r))])).toEqual([
      ["admin", row],
      ["analyst", row],
      ["marketer", { id: 1, email: "a•••@example.com", name: "A. L." }],
      ["viewer", { id: 1, email: "a•••@example.com", name: "A. L." }],
    ]);
  });
});

describe("the role matrix", () => {
  it("grants each role what the issue says, and each role at least what the one below it has", () => {
    expect(ROLES.filter((r) => can(r, "admin"))).toEqual(["admin"]);
    expect(ROLES.filter((r) => can(r, "pii:read"))).toEqual(["admin", "analyst"]);
    expect(ROLES.filter((r) => can(r, "imports:write"))).toEqual(["admin", "analyst"]);
    expect(ROLES.filter((r) => can(r, "models:train"))).toEqual(["admin", "analyst"]);
    expect(ROLES.filter((r) => can(r, "segments:write"))).toEqual(["admin", "analyst", "marketer"]);
    expect(ROLES.filter((r) => can(r, "exports:read"))).toEqual(["admin", "analyst", "marketer"]);
    expect(ROLES.filter((r) => can(r, "dashboards:read"))).toEqual([...ROLES]);
  });
});

describe("the secret", () => {
  it("refuses a short, repetitive or placeholder secret with a way to make a good one", () => {
    expect(secretWeakness("abc")).toBe("is 3 characters long: use at least 32 random characters (e.g. the output of `openssl rand -base64 32`)");
    expect(secretWeakness("ab".repeat(20))).toMatch(/^repeats too few characters/);
    expect(secretWeakness("changeme-0123456789-abcdefghijklmnop")).toMatch(/^looks like a placeholder/);
    expect(secretWeakness("q9TgXw2Lr8ZbN4ma7PcV1sKd6YhJ3eFu0")).toBeNull();
  });
});
