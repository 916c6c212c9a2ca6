import { describe, expect, it } from "vitest";
import { audienceExport, emailSha256, normalisedEmail } from "./csv";
import { SHOP } from "./fixtures";

// sha256("hana@shop.example"), python3 hashlib.
const HANA = "078f358ff5a11ce58e95a6a33310c88a929fcaf0f7e20bf788b9bdc2690156b4";

const IDS = ["C0", "C1", "=HYPERLINK(\"x\")", "Smith, J", "+31", "C5", "C6", "@home"];
const EMAILS = [" Hana@Shop.Example ", null, "-dash@shop.example", "  ", 'say"hi"@shop.example', "hmac-sha256:abc123", "zoe@shop.example", "hana@shop.example"];

describe("email match keys", () => {
  it("hash the trimmed, lower-cased address, as the ad platforms do", () => {
    expect(normalisedEmail(" Hana@Shop.Example ")).toBe("hana@shop.example");
    expect(emailSha256(" Hana@Shop.Example ")).toBe(HANA);
    expect(emailSha256("hana@shop.example")).toBe(HANA);
  });

  it("give none for no address, a blank one, or a keyed hash stored in its place", () => {
    expect(emailSha256(null)).toBeNull();
    expect(emailSha256("   ")).toBeNull();
    expect(emailSha256("hmac-sha256:0f0f")).toBeNull();
  });
});

describe("audience export", () => {
  it("gives the audience's rows in order, with hashed emails and no address", () => {
    const e = audienceExport(SHOP, Int32Array.from([7, 0, 6]), { customerIds: IDS, emails: EMAILS, hashEmails: true });
    expect(e.rows).toEqual([
      { customerId: "@home", email: null, emailSha256: HANA, pClick: 1, pConvert: 0.0625, evPerImpression: 2 },
      { customerId: "C0", email: null, emailSha256: HANA, pClick: 0.5, pConvert: 0.5, evPerImpression: 10 },
      { customerId: "C6", email: null, emailSha256: emailSha256("zoe@shop.example"), pClick: 0, pConvert: 0.5, evPerImpression: 0 },
    ]);
  });

  it("gives addresses as typed but trimmed when not hashing, and none that is blank or a keyed hash", () => {
    const e = audienceExport(SHOP, Int32Array.from([0, 1, 2, 3, 4, 5]), { customerIds: IDS, emails: EMAILS, hashEmails: false });
    expect(e.hashEmails).toBe(false);
    expect(e.rows.map((r) => [r.customerId, r.email, r.emailSha256])).toEqual([
      ["C0", "Hana@Shop.Example", null],
      ["C1", null, null],
      ["=HYPERLINK(\"x\")", "-dash@shop.example", null],
      ["Smith, J", null, null],
      ["+31", 'say"hi"@shop.example', null],
      ["C5", null, null],
    ]);
  });

  it("names the list that does not match the customers", () => {
    expect(() => audienceExport(SHOP, Int32Array.from([0]), { customerIds: IDS.slice(1), emails: EMAILS, hashEmails: true })).toThrow(
      "audienceExport: customerIds has 7 entries but there are 8 customers",
    );
    expect(() => audienceExport(SHOP, Int32Array.from([0]), { customerIds: IDS, emails: [], hashEmails: true })).toThrow("emails has 0 entries");
    expect(() => audienceExport(SHOP, Int32Array.from([9]), { customerIds: IDS, emails: EMAILS, hashEmails: true })).toThrow("rows[0] is 9; rows must lie in 0..7");
  });
});
