import { describe, expect, it } from "vitest";
import { audienceCsv, audienceExport, emailSha256, normalisedEmail } from "./csv";
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

  it("writes hashed CSV with formula-safe ids", () => {
    const e = audienceExport(SHOP, Int32Array.from([7, 0]), { customerIds: IDS, emails: EMAILS, hashEmails: true });
    expect(audienceCsv(e)).toBe(`customer_id,email_sha256,p_click,p_convert,ev_per_impression\n'@home,${HANA},1,0.0625,2\nC0,${HANA},0.5,0.5,10\n`);
  });

  it("writes addresses trimmed, quoted where needed and neutralised where a spreadsheet would run them", () => {
    const e = audienceExport(SHOP, Int32Array.from([0, 1, 2, 3, 4, 5]), { customerIds: IDS, emails: EMAILS, hashEmails: false });
    expect(e.rows.map((r) => r.emailSha256)).toEqual([null, null, null, null, null, null]);
    expect(audienceCsv(e).split("\n")).toEqual([
      "customer_id,email,p_click,p_convert,ev_per_impression",
      "C0,Hana@Shop.Example,0.5,0.5,10",
      "C1,,0.25,0.5,10",
      // A text cell starting with = is prefixed with ' and, holding quotes, quoted.
      `"'=HYPERLINK(""x"")",'-dash@shop.example,0.5,0.25,4`,
      `"Smith, J",,0.125,1,8`,
      `'+31,"say""hi""@shop.example",0.25,0.25,1`,
      "C5,,0.75,0.125,6",
      "",
    ]);
  });

  it("neutralises tabs, carriage returns and newlines in text but never touches numbers", () => {
    const inputs = { pClick: Float64Array.from([0.5]), pConvert: Float64Array.from([0.5]), orderValue: Float64Array.from([4]) };
    const e = audienceExport(inputs, Int32Array.from([0]), { customerIds: ["\tC0"], emails: ["a\nb@shop.example"], hashEmails: false });
    expect(audienceCsv(e)).toBe(`customer_id,email,p_click,p_convert,ev_per_impression\n'\tC0,"a\nb@shop.example",0.5,0.5,1\n`);
    const r = audienceExport(inputs, Int32Array.from([0]), { customerIds: ["\rC0"], emails: [null], hashEmails: false });
    expect(audienceCsv(r).split("\n")[1]).toBe(`"'\rC0",,0.5,0.5,1`);
  });

  it("names the list that does not match the customers", () => {
    expect(() => audienceExport(SHOP, Int32Array.from([0]), { customerIds: IDS.slice(1), emails: EMAILS, hashEmails: true })).toThrow(
      "audienceExport: customerIds has 7 entries but there are 8 customers",
    );
    expect(() => audienceExport(SHOP, Int32Array.from([0]), { customerIds: IDS, emails: [], hashEmails: true })).toThrow("emails has 0 entries");
    expect(() => audienceExport(SHOP, Int32Array.from([9]), { customerIds: IDS, emails: EMAILS, hashEmails: true })).toThrow("rows[0] is 9; rows must lie in 0..7");
  });
});
