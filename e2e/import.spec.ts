import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { open } from "./helpers";

// customers-with-errors.csv: 12 customers E2E-001…012, of which three are refused: line 5 (bad email),
// line 6 (age "abc"), line 8 (age 250). Lines count the header as line 1.
// Each run gets its own ids, so the test also passes on a database that already holds an earlier run.
async function fixture(run: string) {
  const text = await readFile(path.join(import.meta.dirname, "fixtures", "customers-with-errors.csv"), "utf8");
  return { name: "customers-with-errors.csv", mimeType: "text/csv", buffer: Buffer.from(text.replaceAll("E2E-", `E2E-${run}-`)) };
}

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Choose a file to import").setInputFiles(file);
}

async function counts(page: Page) {
  const summary = page.getByTestId("import-summary");
  await expect(summary).toBeVisible();
  const read = async (key: string) => (await summary.getByTestId(`import-${key}`).locator("dd").textContent())?.trim();
  return { read: await read("rowsRead"), inserted: await read("inserted"), updated: await read("updated"), unchanged: await read("unchanged"), rejected: await read("rejected") };
}

async function waitForDone(page: Page) {
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: /: Completed in/ })).toBeVisible();
}

test("a CSV is understood, dry-run, imported with its refused rows explained and downloadable, and re-imported without duplicates", async ({ page }) => {
  const run = Date.now().toString(36);
  const { problems } = await open(page, "/data");
  await page.getByRole("link", { name: "Import a CSV file" }).click();
  await expect(page.getByRole("heading", { name: "Import data", level: 1 })).toBeVisible();

  await upload(page, await fixture(run));
  await expect(page.getByTestId("uploaded-file")).toContainText("customers-with-errors.csv");
  await expect(page.getByLabel("Kind of data")).toHaveValue("customers");
  await expect(page.getByLabel("Kind of data").locator("option:checked")).toHaveText("Customers (detected)");
  await expect(page.getByLabel("Delimiter")).toHaveValue(",");
  await expect(page.getByLabel("The first row holds column names")).toBeChecked();
  await expect(page.getByLabel('Import column "customer_id" as')).toHaveValue("externalId");
  await expect(page.getByLabel('Import column "email" as')).toHaveValue("email");
  await expect(page.getByLabel('Import column "loyalty_tier" as')).toHaveValue("attr:loyalty_tier");
  await expect(page.getByTestId("import-preview").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("mapping-problems")).toHaveText("Every required field has a column.");

  await page.getByRole("button", { name: "Dry run" }).click();
  await waitForDone(page);
  expect(await counts(page)).toEqual({ read: "12", inserted: "9", updated: "0", unchanged: "0", rejected: "3" });
  await expect(page.getByText("Dry run: nothing was written.")).toBeVisible();

  await page.getByRole("button", { name: "Import for real" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import of customers-with-errors.csv" })).toBeVisible();
  await waitForDone(page);
  expect(await counts(page)).toEqual({ read: "12", inserted: "9", updated: "0", unchanged: "0", rejected: "3" });
  const errorRows = page.getByTestId("import-errors").locator("tbody tr");
  await expect(errorRows).toHaveCount(3);
  expect(await errorRows.locator("td:nth-child(1)").allTextContents()).toEqual(["5", "6", "8"]);
  expect(await errorRows.locator("td:nth-child(2)").allTextContents()).toEqual(["email", "age", "age"]);
  await expect(errorRows.nth(0)).toContainText('"not-an-email" is not an email address');

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download rejected rows" }).click()]);
  expect(download.suggestedFilename()).toBe("customers-with-errors-rejected-rows.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toBe("line,column,reason,customer_id,email,name,gender,age,country,city,signup_date,loyalty_tier");
  expect(lines).toHaveLength(4);
  expect(lines[1]).toContain(`5,email,"""not-an-email"" is not an email address",E2E-${run}-004,not-an-email`);
  expect(lines[2]).toContain(`6,age,"""abc"" is not a whole number",E2E-${run}-005`);
  expect(lines[3]).toContain(`8,age,250 is outside the allowed range 0 to 130,E2E-${run}-007`);

  // The history (server-rendered) shows both runs once the import has finished.
  const history = page.getByTestId("import-history").locator("tbody tr");
  await expect(history.first()).toContainText("customers-with-errors.csv");
  await expect(history.first()).toContainText("Completed");
  await expect(history.nth(1)).toContainText("Dry run");

  // The same file again: nothing new, every good row recognised as already there.
  await page.getByRole("button", { name: "Import another file" }).click();
  await upload(page, await fixture(run));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await waitForDone(page);
  expect(await counts(page)).toEqual({ read: "12", inserted: "0", updated: "0", unchanged: "9", rejected: "3" });
  expect(problems).toEqual([]);
});

test("a dropped file that is not text, and an empty file, are refused with the reason", async ({ page }) => {
  const { problems } = await open(page, "/data/import");
  await expect(page.getByText("No imports yet").or(page.getByTestId("import-history"))).toBeVisible();
  // A PNG dropped on the drop zone, named like a CSV: the content decides, not the name.
  const png = [...Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex")];
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "customers.csv", { type: "text/csv" }));
    return dt;
  }, png);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
  await expect(page.locator("main").getByRole("alert")).toHaveText("This looks like a PNG image, not a CSV file");
  await expect(page.getByLabel("Kind of data")).toHaveCount(0);

  await upload(page, { name: "empty.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
  await expect(page.locator("main").getByRole("alert")).toHaveText("The file is empty.");
  // The refusal is a 400 from the upload route; nothing else may fail.
  expect(problems.filter((p) => !/api\/imports\/uploads|status of 400/.test(p))).toEqual([]);
});
