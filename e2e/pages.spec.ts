import { expect, test } from "@playwright/test";
import { kpi, open } from "./helpers";

// The server runs on the demo shop seeded with seed 42 and end date 2026-11-22 (scripts/e2e-server.sh).

test("overview shows real figures and the revenue chart, and the date range drives them", async ({ page }) => {
  const { problems } = await open(page, "/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(await kpi(page, "kpi-customers")).toBe("5,000");
  expect(await kpi(page, "kpi-products")).toBe("500");
  expect(await kpi(page, "kpi-campaigns")).toBe("15");
  expect(await kpi(page, "kpi-revenue")).toMatch(/^£[\d,]+\.\d\d$/);
  expect(await kpi(page, "kpi-ctr")).toMatch(/^\d\.\d\d%$/);
  const chart = page.getByTestId("sales-chart");
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  expect(await chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(40); // weekly bars over 12 months
  await expect(chart.getByText("Revenue (GBP)")).toBeVisible();

  await page.getByRole("link", { name: "All time" }).click();
  await expect(page).toHaveURL(/range=all/);
  expect(await kpi(page, "kpi-events")).toBe("150,000");

  await page.getByRole("link", { name: "By month" }).click();
  await expect(page).toHaveURL(/grain=month/);
  await expect(chart.locator(".recharts-bar-rectangle")).toHaveCount(13);

  await page.getByLabel("From").fill("2026-03-01");
  await page.getByLabel("To").fill("2026-03-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2026-03-01&to=2026-03-31/);
  await expect(page.getByText("Your shop at a glance, 2026-03-01 to 2026-03-31.")).toBeVisible();
  const marchEvents = Number((await kpi(page, "kpi-events"))!.replace(/,/g, ""));
  expect(marchEvents).toBeGreaterThan(5_000);
  expect(marchEvents).toBeLessThan(20_000);
  expect(problems).toEqual([]);
});

test("overview explains a bad date in the URL instead of failing", async ({ page }) => {
  await open(page, "/?from=2026-13-01");
  await expect(page.locator("main").getByRole("alert")).toHaveText('"2026-13-01" is not a date (YYYY-MM-DD); showing the default range.');
  expect(await kpi(page, "kpi-customers")).toBe("5,000");
});

test("data page counts every table and browses customers, products and events", async ({ page }) => {
  const { problems } = await open(page, "/data");
  expect(await kpi(page, "count-customers")).toBe("5,000");
  expect(await kpi(page, "count-events")).toBe("150,000");
  await expect(page.getByTestId("customers-table").locator("tbody tr")).toHaveCount(25);

  await page.getByRole("searchbox").fill("C000042");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=C000042/);
  await expect(page.getByTestId("customers-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–1 of 1 · page 1 of 1");

  await page.getByRole("link", { name: "Products", exact: true }).click();
  await expect(page).toHaveURL(/tab=products/);
  await expect(page.getByTestId("products-table").locator("tbody tr")).toHaveCount(25);
  await expect(page.getByTestId("pagination-summary")).toContainText("of 500");

  await page.getByRole("link", { name: "Events", exact: true }).click();
  await expect(page).toHaveURL(/tab=events/);
  await page.getByRole("link", { name: /^purchase \(/ }).click();
  await expect(page).toHaveURL(/type=purchase/);
  const types = await page.getByTestId("events-table").locator("tbody tr td:nth-child(2)").allTextContents();
  expect(types).toHaveLength(25);
  expect(new Set(types)).toEqual(new Set(["purchase"]));
  expect(problems).toEqual([]);
});

test("segments page breaks the base down and pages and sorts customers", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  await expect(page.getByTestId("breakdown-by-country")).toContainText("United Kingdom");
  await page.getByRole("link", { name: "Age" }).click();
  await expect(page).toHaveURL(/sort=age&dir=asc/);
  const ages = (await page.getByTestId("customers-table").locator("tbody tr td:nth-child(4)").allTextContents()).map(Number);
  expect(ages).toEqual([...ages].sort((a, b) => a - b));
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("pagination-summary")).toHaveText("26–50 of 5,000 · page 2 of 200");
  expect(problems).toEqual([]);
});

test("segments page names every RFM segment and its grid adds up to the customers it scores", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  const table = page.getByTestId("rfm-segments");
  await expect(table.locator("tbody tr")).toHaveCount(11);
  await expect(table).toContainText("Champions");
  await expect(table).toContainText("R 5, F 4–5");
  const num = (s: string) => Number(s.replace(/[^0-9]/g, ""));
  const perSegment = (await table.locator("tbody tr td:nth-child(3)").allTextContents()).map(num);
  const perCell = (await page.getByTestId("rfm-grid").locator("tbody td").allTextContents()).map(num);
  expect(perCell).toHaveLength(25);
  const scored = perSegment.reduce((a, b) => a + b, 0);
  expect(perCell.reduce((a, b) => a + b, 0)).toBe(scored);
  expect(scored).toBeGreaterThan(1000);
  await expect(page.getByText(`for the ${scored.toLocaleString("en-GB")} customers with a purchase`)).toBeVisible();
  expect(problems).toEqual([]);
});

test("segments page follows customers between RFM segments across two dates", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  await page.getByLabel("First date").fill("2026-06-01");
  await page.getByLabel("Second date").fill("2026-11-22");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/rfmFrom=2026-06-01&rfmTo=2026-11-22/);
  const table = page.getByTestId("rfm-movement");
  await expect(table.locator("thead")).toContainText("On 2026-06-01");
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(3);
  for (const cell of await table.locator("tbody tr td:nth-child(3)").allTextContents()) expect(cell).toMatch(/^\d+%$/);
  await expect(page.getByText(/customers made their first purchase between the two dates/)).toBeVisible();
  await page.goto("/segments?rfmFrom=2026-11-22&rfmTo=2026-06-01");
  await expect(page.getByText("The first date must come before the second.")).toBeVisible();
  expect(problems).toEqual([]);
});

test("recommendations page ranks best sellers and filters the catalogue", async ({ page }) => {
  const { problems } = await open(page, "/recommendations");
  await expect(page.getByTestId("best-sellers").locator("tbody tr")).toHaveCount(10);
  await page.getByRole("link", { name: /^Kitchen \(/ }).click();
  await expect(page).toHaveURL(/category=Kitchen/);
  const categories = await page.getByTestId("products-table").locator("tbody tr td:nth-child(3)").allTextContents();
  expect(new Set(categories)).toEqual(new Set(["Kitchen"]));
  expect(problems).toEqual([]);
});

test("campaigns page shows every campaign's CTR, conversion and ROI", async ({ page }) => {
  const { problems } = await open(page, "/campaigns");
  const rows = page.getByTestId("campaigns-table").locator("tbody tr");
  await expect(rows).toHaveCount(15);
  await expect(page.getByText("A/B test “mid-season-subject-line”, variant B")).toBeVisible();
  const ctr = await rows.locator("td:nth-child(5)").allTextContents();
  expect(ctr.every((c) => /^\d+\.\d\d%$/.test(c))).toBe(true);
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page.getByText("Reach, response and return of every campaign, last 7 days.")).toBeVisible();
  expect(problems).toEqual([]);
});
