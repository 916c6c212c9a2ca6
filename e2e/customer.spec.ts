import { expect, test } from "@playwright/test";
import { kpi, open } from "./helpers";

// The server runs on the demo shop seeded with seed 42 and end date 2026-11-22 (scripts/e2e-server.sh):
// C000003 has 72 events (8 of them purchases) and 2 campaign events.

const RFM_SEGMENT = /Champions|Loyal|Potential loyalist|New|Promising|Need attention|About to sleep|Can't lose them|At risk|Lost|Hibernating/;

test("a customer's page: from the customers table to attributes, RFM segment, spend and a paged timeline", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  await page.getByTestId("customers-table").getByRole("link", { name: "C000003", exact: true }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("C000003");

  const attributes = page.getByTestId("customer-attributes");
  for (const label of ["Email", "Gender", "Age", "Birth year", "Income", "Education", "Country", "City", "Signed up", "loyaltyMember", "device"]) {
    await expect(attributes.locator("dt", { hasText: label }).first()).toBeVisible();
  }
  await expect(attributes).toContainText("@example.com");

  const rfm = page.getByTestId("customer-rfm");
  await expect(rfm).toContainText(/R [1-5] · F [1-5] · M [1-5]/);
  await expect(rfm.locator(".font-semibold")).toHaveText(RFM_SEGMENT);
  await expect(page.getByTestId("customer-cluster")).toBeVisible();
  expect(Number(await kpi(page, "feature-orders"))).toBeGreaterThan(0);
  await expect(page.getByTestId("monthly-spend-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();

  const timeline = page.getByTestId("customer-timeline").locator("tbody tr");
  await expect(timeline).toHaveCount(25);
  await expect(page.getByTestId("pagination-summary")).toHaveText("1–25 of 74 · page 1 of 3");
  const firstOnPage1 = await timeline.first().textContent();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\?page=2$/);
  await expect(page.getByTestId("pagination-summary")).toHaveText("26–50 of 74 · page 2 of 3");
  await expect(timeline).toHaveCount(25);
  expect(await timeline.first().textContent()).not.toBe(firstOnPage1);

  await page.getByRole("link", { name: /^purchase \(/ }).click();
  await expect(page).toHaveURL(/type=purchase/);
  await expect(page).not.toHaveURL(/page=/);
  expect(new Set(await timeline.locator("td:nth-child(2)").allTextContents())).toEqual(new Set(["purchase"]));
  expect(problems).toEqual([]);
});

test("a customer page answers 404 for unknown and malformed ids", async ({ page }) => {
  for (const path of ["/customers/999999999", "/customers/abc", "/customers/1.5"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
