import { expect, test } from "@playwright/test";
import { open } from "./helpers";

test("finds customer clusters on chosen features as a job, names them, and says why it chose k", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  const form = page.getByRole("form", { name: "Find clusters" });
  await form.getByLabel("Campaign clicks").check();
  await form.getByRole("button", { name: /^Find clusters/ }).click();
  // A background job with a progress bar; when it ends the page shows the stored result.
  await expect(page.getByText(/^Finding clusters finished in [\d.]+ s\.$/)).toBeVisible({ timeout: 30_000 });
  const why = page.getByText(/^Why k = \d+$/);
  await expect(why).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("clusters").getByRole("columnheader", { name: "Campaign clicks" })).toBeVisible();
  await expect(page.getByText(/Computed .* in [\d.]+ s\./)).toBeVisible();
  const k = Number((await why.textContent())!.match(/\d+/)![0]);
  const rows = page.getByTestId("clusters").locator("tbody tr");
  await expect(rows).toHaveCount(k);
  // Every customer with a purchase is in exactly one cluster.
  const sizes = (await rows.locator("td:nth-child(2)").allTextContents()).map((s) => Number(s.replace(/[^0-9]/g, "")));
  const scored = (await page.getByTestId("rfm-segments").locator("tbody tr td:nth-child(3)").allTextContents()).map((s) => Number(s.replace(/[^0-9]/g, "")));
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(scored.reduce((a, b) => a + b, 0));
  await expect(rows.first().locator("th")).not.toBeEmpty();
  // The PCA scatter draws one series per cluster.
  await expect(page.getByTestId("cluster-scatter").locator(".recharts-scatter")).toHaveCount(k);
  await why.click();
  await expect(page.getByTestId("k-reason")).toContainText(/^The inertia curve bends at k = \d+/);
  await expect(page.getByTestId("k-tried").locator("tbody tr")).toHaveCount(9);
  await expect(page.getByTestId("explore-k-chart").locator(".recharts-line")).toHaveCount(2);
  await expect(page.getByTestId("explore-k-chart")).toContainText(`chosen k = ${k}`);
  // Rename a cluster; the name is kept with the run.
  const generated = (await rows.first().getByTestId("cluster-name").textContent())!;
  await rows.first().getByRole("button", { name: `Rename ${generated}` }).click();
  await rows.first().getByLabel(`New name for ${generated}`).fill("Our best customers");
  await rows.first().getByRole("button", { name: "Save", exact: true }).click();
  await expect(rows.first().getByTestId("cluster-name")).toHaveText("Our best customers");
  await page.reload();
  await expect(rows.first().getByTestId("cluster-name")).toHaveText("Our best customers");
  // A cluster saved as an editable rule segment; clicks have no rule field, and it says so.
  const firstName = "Our best customers";
  await rows.first().getByRole("button", { name: `Save ${firstName} as a segment` }).click();
  await expect(rows.first().getByRole("status")).toHaveText(/^Saved with [\d,]+ customers; campaign clicks has no rule field and is left out$/);
  await expect(page.getByTestId("saved-segments")).toContainText(`${firstName} (from clusters)`);
  expect(problems).toEqual([]);
});

test("builds a rule segment, watches its count, saves it and exports its customers", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  const count = page.getByTestId("rule-count");
  const shown = async (description: string) => {
    await expect(count).toContainText(`customers match: ${description}`);
    return Number((await count.locator("strong").textContent())!.replace(/[^0-9]/g, ""));
  };
  await page.getByLabel("Condition 1: field").selectOption("country");
  await page.getByLabel("Condition 1: operator").selectOption("eq");
  await page.getByLabel("Condition 1: value").fill("United Kingdom");
  const uk = await shown('Country equals "United Kingdom"');
  expect(uk).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await page.getByLabel("Condition 2: field").selectOption("orders");
  await page.getByLabel("Condition 2: operator").selectOption("gte");
  await page.getByLabel("Condition 2: value").fill("2");
  const repeat = await shown('Country equals "United Kingdom" and Orders ≥ 2');
  expect(repeat).toBeGreaterThan(0);
  expect(repeat).toBeLessThanOrEqual(uk);
  const name = `UK repeat buyers ${Date.now()}`;
  await page.getByLabel("Segment name").fill(name);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByText(`Saved “${name}” with ${repeat.toLocaleString("en-GB")} customers.`)).toBeVisible();
  const item = page.getByTestId("saved-segments").locator("li").filter({ hasText: name });
  await expect(item).toContainText('Country equals "United Kingdom" and Orders ≥ 2');
  await expect(item.getByTestId("segment-figures")).toContainText(new RegExp(`^${repeat.toLocaleString("en-GB")} customers today · [\\d.]+% of customers · [\\d.]+% of revenue · no change since saved`));
  const [download] = await Promise.all([page.waitForEvent("download"), item.getByRole("link", { name: "Export CSV" }).click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = text.trim().split("\n");
  expect(lines[0]).toBe("customer_id,email,name,country,orders,revenue,last_purchase_at");
  expect(lines).toHaveLength(repeat + 1);
  expect(lines.slice(1).every((l) => l.includes(",United Kingdom,"))).toBe(true);
  // Open it: today's members, sortable, with the same export.
  await item.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: `${repeat.toLocaleString("en-GB")} customers today` })).toBeVisible();
  const members = page.getByTestId("segment-members").locator("tbody tr");
  await expect(members).toHaveCount(Math.min(25, repeat));
  await page.getByRole("link", { name: "Orders" }).click();
  await expect(page).toHaveURL(/sort=orders&dir=asc/);
  const orders = (await members.locator("td:nth-child(4)").allTextContents()).map(Number);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));
  expect(orders.every((o) => o >= 2)).toBe(true);
  // Profile charts beside all customers: everyone here is in the United Kingdom and has 2 or more orders.
  await expect(page.getByTestId("profile-countries")).toContainText("United Kingdom: 100% of this segment's customers");
  await expect(page.getByTestId("profile-orders")).toContainText("1: 0% of this segment's customers");
  await expect(page.getByTestId("profile-recency").locator(".recharts-bar")).toHaveCount(2);
  // Search the members by id.
  const someone = (await members.first().locator("td").first().textContent())!.trim();
  await page.getByLabel("Search members by id, name, email or country").fill(someone);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(someone)}`));
  await expect(members.first()).toContainText(someone);
  expect(problems).toEqual([]);
});
