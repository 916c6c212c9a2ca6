// The import engine on a throw-away database: exact counts on small files, idempotency, updates, dry runs,
// refused rows and their file, and the file formats people bring (gzip, Latin-1, semicolons, decimal commas).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ImportOptions } from "../../csv/import-options";
import type { ImportKind } from "../../csv/kinds";
import { getDb } from "../../db/client";
import { getImport } from "../../db/imports";
import { claimOldestQueuedJob, getJobRow, insertJob, requestJobCancel } from "../../db/jobs";
import { deleteAllData } from "../../db/maintenance";
import { enqueueJob, failDeadJobs, runClaimedJob, thisRunner } from "../jobs/runner";
import { prepareDatabase } from "../prepare-database";
import { analyseFile } from "./analyse";
import { importJob, prepareImportJob } from "./import-job";
import { importFile } from "./imports";
import { BATCH_ROWS, executeImport } from "./run-import";
import { testFolder } from "../../test-folder";

const dir = testFolder("import");
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Analyse, then import as the CLI does: detected options, optionally a changed mapping. */
async function load(kind: ImportKind, p: string, extra: Partial<ImportOptions> = {}) {
  const a = await analyseFile(p, { kind, mapping: extra.mapping, delimiter: extra.delimiter });
  return importFile(p, path.basename(p), ImportOptions.parse({ ...a, kind, ...extra }));
}

beforeAll(() => prepareDatabase({ seedIfEmpty: false }));
beforeEach(() => deleteAllData());

const CUSTOMERS = `customer_id,email,age,country,tier
C1,ana@example.com,30,UK,gold
C2,ben@example,41,DE,silver
C3,cy@example.com,abc,DE,
C4,dee@example.com,250,FR,bronze
C5,=cmd@example.com,22,UK,
`;

describe("customers", () => {
  it("imports the good rows, refuses the bad ones with line, column and reason, and writes them to a file", async () => {
    const s = await load("customers", file("customers.csv", CUSTOMERS));
    expect(s).toMatchObject({ status: "completed", rowsRead: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(s.errors).toEqual([
      { line: 3, column: "email", reason: '"ben@example" is not an email address' },
      { line: 4, column: "age", reason: '"abc" is not a whole number' },
      { line: 5, column: "age", reason: "250 is outside the allowed range 0 to 130" },
    ]);
    expect(readFileSync(s.errorsFile!, "utf8").split("\n")).toEqual([
      "line,column,reason,customer_id,email,age,country,tier",
      `3,email,"""ben@example"" is not an email address",C2,ben@example,41,DE,silver`,
      `4,age,"""abc"" is not a whole number",C3,cy@example.com,abc,DE,`,
      "5,age,250 is outside the allowed range 0 to 130,C4,dee@example.com,250,FR,bronze",
      "",
    ]);
    const c1 = await getDb().customer.findUnique({ where: { externalId: "C1" } });
    expect(c1).toMatchObject({ email: "ana@example.com", age: 30, country: "UK", attributes: { tier: "gold" } });
  });

  it("changes nothing on a second import, and updates only the rows that changed", async () => {
    const p = file("again.csv", CUSTOMERS);
    await load("customers", p);
    expect(await load("customers", p)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 3 });
    const changed = file("changed.csv", CUSTOMERS.replace("C1,ana@example.com,30", "C1,ana@example.com,31"));
    expect(await load("customers", changed)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await getDb().customer.findUnique({ where: { externalId: "C1" } }))?.age).toBe(31);
  });

  it("takes its own refused-rows file back once fixed, ignoring the line, column and reason columns", async () => {
    const s = await load("customers", file("to-fix.csv", CUSTOMERS));
    const fixed = file("fixed.csv", readFileSync(s.errorsFile!, "utf8").replace("ben@example,", "ben@example.com,").replace(",abc,", ",33,").replace(",250,", ",25,"));
    const a = await analyseFile(fixed, { kind: "customers" });
    expect(a.mapping.slice(0, 4)).toEqual(["", "", "", "externalId"]);
    expect(a.warnings).toContain("This is a file of refused rows from an earlier import: its line, column and reason columns are ignored.");
    expect(await load("customers", fixed)).toMatchObject({ inserted: 3, rejected: 0 });
  });

  it("refuses a mapping that does not fit the file before starting a job", async () => {
    const p = file("short.csv", CUSTOMERS);
    const a = await analyseFile(p, { kind: "customers" });
    await expect(importFile(p, "short.csv", ImportOptions.parse({ ...a, kind: "events", mapping: ["customer", "", "", "", ""] }))).rejects.toThrow('Map a column to "Time" (occurredAt): events need it.');
  });

  it("dry-runs with exact counts and writes nothing", async () => {
    const s = await load("customers", file("dry.csv", CUSTOMERS), { dryRun: true });
    expect(s).toMatchObject({ dryRun: true, inserted: 2, rejected: 3 });
    expect(await getDb().customer.count()).toBe(0);
  });

  it("keys rows of a file without an id column by file name and line", async () => {
    const p = file("bank.csv", `"age";"job";"balance"\n58;"management";2143\n44;"technician";29,5\n`);
    const s = await load("customers", p, { decimalComma: true });
    expect(s).toMatchObject({ inserted: 2, rejected: 0 });
    const rows = await getDb().customer.findMany({ orderBy: { id: "asc" }, select: { externalId: true, age: true, attributes: true } });
    expect(rows).toEqual([
      { externalId: "bank.csv:2", age: 58, attributes: { job: "management", balance: 2143 } },
      { externalId: "bank.csv:3", age: 44, attributes: { job: "technician", balance: 29.5 } },
    ]);
  });
});

describe("transactions", () => {
  const LINES = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
536366,22633,,6,2010-12-01 08:28:00,1.85,,United Kingdom
C536379,85123A,WHITE HANGING HEART,-1,2010-12-01 09:41:00,2.55,17850,United Kingdom
536380,22633,HAND WARMER UNION JACK,0,2010-12-01 09:41:00,1.85,14688,France
`;
  it("create customers and products, keep identical lines, guest lines and returns, and import once", async () => {
    const p = file("retail.csv.gz", gzipSync(LINES));
    const s = await load("transactions", p);
    expect(s).toMatchObject({ rowsRead: 5, inserted: 4, rejected: 1 });
    expect(s.details).toMatchObject({ customersCreated: 1, productsCreated: 2, guestRows: 1, "type:purchase": 3, "type:return": 1 });
    expect(s.errors).toEqual([{ line: 6, column: "Quantity", reason: "is 0; an order line must buy or return something" }]);
    const events = await getDb().event.findMany({ orderBy: { id: "asc" }, select: { type: true, revenue: true, customerId: true } });
    expect(events.map((e) => [e.type, e.revenue, e.customerId !== null])).toEqual([
      ["purchase", 15.3, true],
      ["purchase", 15.3, true],
      ["purchase", 11.1, false],
      ["return", -2.55, true],
    ]);
    expect((await getDb().product.findUnique({ where: { externalId: "22633" } }))?.name).toBe("22633");
    expect(await load("transactions", p)).toMatchObject({ inserted: 0, unchanged: 4, rejected: 1 });
    expect(await getDb().event.count()).toBe(4);
    // The purchase summary behind rule segments follows the import: one customer, one order of two
    // identical lines (the return and the guest line are not counted).
    expect(await getDb().customerPurchaseStats.findMany({ select: { orders: true, revenue: true } })).toEqual([{ orders: 1, revenue: 30.6 }]);
  });

  it("counts event types and guest lines from the rows written, so a re-import or an overlapping file adds only what is new", async () => {
    const head = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    const first = ["1,A,Mug,1,2011-01-03 10:00:00,2.50,10,UK", "2,B,Cup,2,2011-01-03 10:05:00,1.00,,UK"];
    const later = ["C3,A,Mug,-1,2011-01-04 09:00:00,2.50,10,UK", "4,B,Cup,1,2011-01-04 09:30:00,1.00,,UK", "5,B,Cup,3,2011-01-04 09:45:00,1.00,11,UK"];
    const p = file("overlap-1.csv", head + first.join("\n") + "\n");
    expect((await load("transactions", p)).details).toMatchObject({ guestRows: 1, "type:purchase": 2 });
    const again = await load("transactions", p);
    expect(again).toMatchObject({ inserted: 0, unchanged: 2 });
    expect(again.details).toMatchObject({ guestRows: 0 });
    expect(Object.keys(again.details).filter((k) => k.startsWith("type:"))).toEqual([]);
    // The second file repeats the first two lines between new ones: only the three new lines are counted.
    const both = await load("transactions", file("overlap-2.csv", head + [later[0], ...first, ...later.slice(1)].join("\n") + "\n"));
    expect(both).toMatchObject({ inserted: 3, unchanged: 2 });
    expect(both.details).toMatchObject({ guestRows: 1, "type:purchase": 2, "type:return": 1 });
  });

  it("names products by their most frequent description, renames them on later imports, and keeps names a products file gave", async () => {
    const head = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    const lines = (rows: [string, string, string][]) => head + rows.map(([order, code, name], i) => `${order},${code},${name},1,2011-01-0${1 + (i % 9)} 10:0${i % 10}:00,1.00,10,UK`).join("\n") + "\n";
    const name = async (code: string) => (await getDb().product.findUnique({ where: { externalId: code } }))?.name;
    // A's first spelling is a one-off; B has no description until its third line.
    await load("transactions", file("names-1.csv", lines([["1", "A", "mug wht"], ["2", "A", "WHITE MUG"], ["3", "A", "WHITE MUG"], ["4", "B", ""], ["5", "B", ""], ["6", "B", "BLUE CUP"]])));
    expect([await name("A"), await name("B")]).toEqual(["WHITE MUG", "BLUE CUP"]);
    const s = await load("transactions", file("names-2.csv", lines([["7", "A", "WHITE MUG LARGE"], ["8", "A", "WHITE MUG LARGE"], ["9", "B", "BLUE CUP"]])));
    expect(s.details).toMatchObject({ productsRenamed: 1 });
    expect([await name("A"), await name("B")]).toEqual(["WHITE MUG LARGE", "BLUE CUP"]);
    await load("products", file("catalogue.csv", "sku,name\nA,Large white mug\n"), { mapping: ["externalId", "name"] });
    expect((await load("transactions", file("names-3.csv", lines([["10", "A", "MUG"], ["11", "A", "MUG"]])))).details.productsRenamed).toBeUndefined();
    expect(await name("A")).toBe("Large white mug");
  });

  it("imports the rows whose dates read when most dates are broken and come first, refuses only those, and says which format it chose", async () => {
    const p = file("mostly-broken.csv", `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
1,A,Mug,1,n/a,2.50,10,UK
2,A,Mug,1,2011-02-30 10:00:00,2.50,10,UK
3,A,Mug,1,00/00/0000 00:00,2.50,10,UK
4,A,Mug,1,2011-01-31 08:26:00,2.50,10,UK
`);
    const a = await analyseFile(p, { kind: "transactions" });
    expect(a.dateFormat).toBe("iso");
    expect(a.warnings).toContain('Only 1 of the 4 dates in the first rows read as ISO 8601, the format chosen; the others, such as "n/a", will be refused unless you pick another format or fix them.');
    const s = await load("transactions", p);
    expect(s).toMatchObject({ inserted: 1, rejected: 3 });
    expect(s.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "InvoiceDate"],
      [3, "InvoiceDate"],
      [4, "InvoiceDate"],
    ]);
  });

  it("takes its refused-rows file back once fixed, with returns' negative quantities, decimal commas and a formula as they were", async () => {
    // Semicolons and decimal commas, as a German export; line 3 is a return (-1) with a broken date, line 4
    // has a description a spreadsheet would run and a broken date too.
    const original = `InvoiceNo;StockCode;Description;Quantity;InvoiceDate;UnitPrice;CustomerID;Country
536365;85123A;WHITE HANGING HEART;6;2010-12-01 08:26:00;2,55;17850;United Kingdom
C536379;85123A;WHITE HANGING HEART;-1;2010-12-32 09:41:00;2,55;17850;United Kingdom
536380;22633;=HYPERLINK("http://x.example");2;2010-13-01 09:45:00;1,85;14688;France
`;
    const s = await load("transactions", file("retail-de.csv", original));
    expect(s).toMatchObject({ inserted: 1, rejected: 2 });
    const refused = readFileSync(s.errorsFile!, "utf8");
    // Written with the file's own semicolons, so its decimal commas read back as decimals.
    expect(refused.split("\n").slice(1, 3).map((l) => l.split(";").slice(3).join(";"))).toEqual([
      "C536379;85123A;WHITE HANGING HEART;-1;2010-12-32 09:41:00;2,55;17850;United Kingdom",
      `536380;22633;"'=HYPERLINK(""http://x.example"")";2;2010-13-01 09:45:00;1,85;14688;France`,
    ]);
    const fixed = file("retail-de-fixed.csv", refused.replaceAll("2010-12-32", "2010-12-02").replaceAll("2010-13-01", "2010-12-01"));
    expect(await load("transactions", fixed)).toMatchObject({ inserted: 2, rejected: 0 });
    const events = await getDb().event.findMany({ orderBy: { id: "asc" }, select: { type: true, quantity: true, revenue: true } });
    expect(events).toEqual([
      { type: "purchase", quantity: 6, revenue: 15.3 },
      { type: "return", quantity: -1, revenue: -2.55 },
      { type: "purchase", quantity: 2, revenue: 3.7 },
    ]);
    expect((await getDb().product.findUnique({ where: { externalId: "22633" } }))?.name).toBe('=HYPERLINK("http://x.example")');
  });
});

describe("events, campaigns and file formats", () => {
  it("imports a tab-separated file without a header, mapped by position, in Latin-1", async () => {
    const p = file("u.data", Buffer.from("196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t242\t3\t881250949\n", "latin1"));
    const s = await load("events", p, { mapping: ["customer", "product", "rating", "occurredAt"] });
    expect(s).toMatchObject({ rowsRead: 3, inserted: 3, rejected: 0, details: { customersCreated: 2, productsCreated: 2, "type:rating": 3 } });
    const items = file("u.item", Buffer.from("242|Misérables, Les (1995)\n", "latin1"));
    // One line with a comma in the title splits as well on "," as on "|": the person pins the delimiter.
    expect(await load("products", items, { mapping: ["externalId", "name"], delimiter: "|" })).toMatchObject({ updated: 1 });
    expect((await getDb().product.findUnique({ where: { externalId: "242" } }))?.name).toBe("Misérables, Les (1995)");
  });

  it("upserts campaigns and daily stats, and de-duplicates campaign events", async () => {
    await load("campaigns", file("campaigns.csv", "campaign_id,name,channel,budget\nK1,Spring email,email,100\nK2,Brand search,search,250\n"));
    const stats = file("stats.csv", "campaign_id,date,impressions,clicks,spend\nK1,2026-03-01,1000,30,12.5\nK1,2026-03-02,900,950,10\nK3,2026-03-01,10,1,1\n");
    expect(await load("campaign-daily-stats", stats)).toMatchObject({ inserted: 2, rejected: 1, details: { campaignsCreated: 1 } });
    expect(await load("campaign-daily-stats", stats)).toMatchObject({ inserted: 0, unchanged: 2 });
    const events = file("clicks.csv", "campaign,user_id,event,timestamp\nK1,C9,impression,2026-03-01T10:00:00Z\nK1,C9,click,2026-03-01T10:00:05Z\n");
    expect(await load("campaign-events", events)).toMatchObject({ inserted: 2 });
    expect(await load("campaign-events", events)).toMatchObject({ inserted: 0, unchanged: 2 });
  });

  it("refuses binary files and empty files with a reason", async () => {
    await expect(analyseFile(file("x.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])))).rejects.toThrow(/PNG|image|not a CSV|binary/i);
    await expect(analyseFile(file("empty.csv", ""))).rejects.toThrow("The file is empty.");
  });
});

describe("detection that weighs the whole sample and says when it is unsure", () => {
  const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => `${line(i)}\n`).join("");
  const has = (warnings: string[], start: string) => warnings.some((w) => w.startsWith(start));

  it("finds the delimiter under 40 lines of notes, names it with its numbers, and says nothing once it is pinned", async () => {
    // The first 30 records, all a detector used to see, are notes without a delimiter.
    const p = file("notes-first.csv", `${lines(40, (i) => `Note ${i}`)}customer_id;age;balance\n${lines(50, (i) => `C${i};30;3,5`)}`);
    const a = await analyseFile(p, { kind: "customers" });
    expect([a.delimiter, a.decimalComma]).toEqual([";", true]);
    // ";" gives the header and the 50 rows 3 fields; "," splits only the 50 rows, at the decimal comma.
    expect(a.warnings).toContain("The delimiter looks like a semicolon: 51 of the 91 rows have 3 fields with it (with a comma, 50 rows have 2 fields); pick another delimiter if the columns look wrong.");
    expect(has((await analyseFile(p, { kind: "customers", delimiter: ";" })).warnings, "The delimiter")).toBe(false);
  });

  it("names a tie between delimiters, which a person breaks by pinning one", async () => {
    const p = file("u.item.tie", Buffer.from("242|Misérables, Les (1995)\n243|Amélie, Le fabuleux destin (2001)\n", "latin1"));
    const a = await analyseFile(p, { kind: "products" });
    expect(a.warnings).toContain("The delimiter looks like a comma: 2 of the 2 rows have 2 fields with it (with a pipe (|), 2 rows have 2 fields); pick another delimiter if the columns look wrong.");
    expect(has((await analyseFile(p, { kind: "products", delimiter: "|" })).warnings, "The delimiter")).toBe(false);
  });

  it("reads decimal commas that come after 70 rows of values that are not numbers, and imports them", async () => {
    const p = file("balances.csv", `customer_id;age;balance\n${lines(70, (i) => `C${i};30;n/a`)}C70;30;–\nC71;30;12 EUR\nC72;41;3,5\nC73;22;1.234,56\n`);
    const a = await analyseFile(p, { kind: "customers" });
    expect(a.decimalComma).toBe(true);
    expect(a.warnings.filter((w) => w.includes("decimal"))).toEqual([]);
    expect(await load("customers", p)).toMatchObject({ inserted: 74, rejected: 0 });
    const rows = await getDb().customer.findMany({ where: { externalId: { in: ["C71", "C72", "C73"] } }, orderBy: { externalId: "asc" }, select: { attributes: true } });
    expect(rows.map((r) => r.attributes)).toEqual([{ balance: "12 EUR" }, { balance: 3.5 }, { balance: 1234.56 }]);
  });

  it("says which decimal style it chose when the file holds both, or nothing tells them apart, and nothing once it is pinned", async () => {
    const both = file("both-styles.csv", "customer_id;age;balance\nC1;30;3,5\nC2;41;4,25\nC3;22;3.5\n");
    expect((await analyseFile(both, { kind: "customers" })).warnings).toContain(
      'In the file, 2 numbers read only with a decimal comma, such as "3,5", and 1 only with a decimal point, such as "3.5": the decimal comma is chosen; the others will not read as numbers unless you pick the decimal point or fix them.',
    );
    const undecided = file("undecided.csv", "customer_id;age;balance\nC1;30;1,234\nC2;41;12\n");
    const a = await analyseFile(undecided, { kind: "customers" });
    expect(a.decimalComma).toBe(false);
    expect(a.warnings).toContain(
      'No number in the file tells a decimal comma from a decimal point, and some read differently with each, such as "1,234" (1234 with a decimal point, 1.234 with a decimal comma): the decimal point is chosen; pick the decimal comma if the file uses it.',
    );
    for (const p of [both, undecided]) expect((await analyseFile(p, { kind: "customers", decimalComma: true })).warnings.filter((w) => w.includes("decimal"))).toEqual([]);
  });

  it("reads Latin-1 when a Latin-1 byte comes first though UTF-8 letters follow, shows it as the import will read it, says so, and says nothing once pinned", async () => {
    // "customer_id,name,age\n" and "C1,Caf" are 27 bytes, so the Latin-1 é is byte 27; three UTF-8 letters follow.
    const p = file("latin1-first.csv", Buffer.concat([Buffer.from("customer_id,name,age\nC1,Caf\xe9,30\n", "latin1"), Buffer.from("C2,Café,41\nC3,Zürich,22\nC4,Ålesund,35\n")]));
    const a = await analyseFile(p, { kind: "customers" });
    expect(a.encoding).toBe("latin1");
    // The preview is what the import would store: the UTF-8 letters as Latin-1 reads their bytes.
    expect(a.preview.map((r) => r[1])).toEqual(["Café", "CafÃ©", "ZÃ¼rich", "Ã\u0085lesund"]);
    expect(a.warnings).toContain("In the file, 3 characters read as UTF-8 but 1 byte does not (the first at byte 27), so the file is read as Latin-1, in which the UTF-8 letters look wrong (é as Ã©): save the file as UTF-8 throughout and import it again, or pick UTF-8 if the preview reads right with it.");
    const pinned = await analyseFile(p, { kind: "customers", encoding: "latin1" });
    expect(has(pinned.warnings, "In the file")).toBe(false);
  });

  it("warns of nothing for plain ASCII, however long: it reads the same in both, and a later Latin-1 byte is read on from", async () => {
    const p = file("long-ascii.csv", `customer_id,email\n${lines(3000, (i) => `C${i},someone${i}@example.com`)}`);
    const a = await analyseFile(p, { kind: "customers" });
    expect(a.encoding).toBe("utf-8");
    expect(a.warnings).toEqual([]);
  });
});

describe("cancelling and interrupted imports", () => {
  const rows = (n: number) => ["user_id,product_id,event,timestamp", ...Array.from({ length: n }, (_, i) => `U${i % 97},P${i % 13},view,${1_600_000_000 + i}`)].join("\n");

  it("stops at the next batch when cancelled, keeps what it committed, and a re-run finishes without duplicates", async () => {
    const p = file("views.csv", rows(60_000));
    const a = await analyseFile(p, { kind: "events" });
    const options = ImportOptions.parse({ ...a, kind: "events" });
    const { parameters, importRow } = await prepareImportJob(p, "views.csv", options);
    const jobId = await enqueueJob(importJob, parameters, importRow);
    expect(await claimOldestQueuedJob(thisRunner())).toEqual({ id: jobId, kind: "import" });
    expect(await requestJobCancel(jobId)).toBe("requested");
    await runClaimedJob(jobId);
    // The cancel is seen at the first commit: after BATCH_ROWS rows, or sooner on a slow machine (a commit a second).
    const kept = (await getImport(jobId))!.inserted;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(BATCH_ROWS);
    expect(await getImport(jobId)).toMatchObject({ status: "cancelled", rowsRead: kept });
    expect((await getJobRow(jobId))!.message).toBe(`Cancelled after ${kept.toLocaleString("en-GB")} rows; the rows written before cancelling are kept. Import the same file again to finish it.`);
    expect(await getDb().event.count()).toBe(kept);
    expect(await importFile(p, "views.csv", options)).toMatchObject({ inserted: 60_000 - kept, unchanged: kept });
    expect(await getDb().event.count()).toBe(60_000);
  });

  it("fails a running import whose process died, saying what was kept and what to do", async () => {
    const { spawnSync } = await import("node:child_process");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const jobId = await insertJob("import", { version: 1 }, { kind: "events", fileName: "x.csv", dryRun: false, bytesTotal: 1 });
    await getDb().job.update({ where: { id: jobId }, data: { status: "running", runnerHost: thisRunner().host, runnerPid: gone, heartbeatAt: new Date() } });
    expect(await failDeadJobs()).toBe(1);
    expect(await getJobRow(jobId)).toMatchObject({
      status: "failed",
      message: "It stopped: the process running it ended. Rows committed before this are kept; fix the problem and import the same file again to finish without duplicates.",
    });
  });
});

describe("failures and dry runs across chunks", () => {
  it("fails the job when a row cannot be written, instead of reporting success", async () => {
    const p = file("two-columns.csv", "customer_id,email\nC1,a@b.co\n");
    const options = ImportOptions.parse({ kind: "customers", delimiter: ",", hasHeader: true, encoding: "utf-8", decimalComma: false, dateFormat: "iso", mapping: ["externalId", "email", "name"] });
    // The mapping is checked when the job is queued too: this runs the engine itself on a job with a bad one.
    await expect(prepareImportJob(p, "two-columns.csv", options)).rejects.toThrow("The file has 2 columns but the mapping has 3.");
    const jobId = await insertJob("import", { version: 1 }, { kind: "customers", fileName: "two-columns.csv", dryRun: false, bytesTotal: 30 });
    await expect(executeImport(jobId, { path: p, isGzip: false, bytesTotal: 30 }, options, { isCancelAsked: () => false })).rejects.toThrow("The header has 2 columns but the mapping has 3.");
    expect(await getDb().customer.count()).toBe(0);
  });

  it("dry-runs daily stats with the same counts as the import, when a key comes back chunks later", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `K1,${new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},10,1`);
    const p = file("stats-long.csv", ["campaign_id,date,impressions,clicks", ...rows, "K1,2000-01-01,20,2"].join("\n"));
    expect(await load("campaign-daily-stats", p, { dryRun: true })).toMatchObject({ inserted: 50_000, updated: 1 });
    expect(await load("campaign-daily-stats", p)).toMatchObject({ inserted: 50_000, updated: 1 });
  });
});

describe("files that are not what they claim", () => {
  it("stops at a quote that is never closed instead of reading the rest of the file into one field", async () => {
    const body = Array.from({ length: 700_000 }, (_, i) => `C${i},someone${i}@example.com,a note of about fifty characters`).join("\n");
    const p = file("unclosed.csv", `customer_id,email,note\nC0,a@b.co,fine\nC1,b@c.co,"never closed\n${body}\n`);
    const a = await analyseFile(p, { kind: "customers" });
    await expect(importFile(p, "unclosed.csv", ImportOptions.parse({ ...a, kind: "customers" }))).rejects.toThrow(
      "No complete row in 32 million characters from line 3 on: a quote that is never closed, or a file that is not CSV.",
    );
  });
});
