import { expect, test } from "@playwright/test";
import { open } from "./helpers";

// The demo shop (seed 42, end date 2026-11-22): the journey a marketer takes through a campaign, its
// breakdown by RFM segment, its A/B test and the attribution models.

test("open a campaign, read its chart, break it down by RFM segment", async ({ page }) => {
  const { problems } = await open(page, "/campaigns");
  await page.getByTestId("campaigns-table").getByRole("link", { name: "Mid-season sale: subject B (urgency)" }).click();
  await expect(page.getByRole("heading", { name: "Mid-season sale: subject B (urgency)" })).toBeVisible();
  const ctr = page.getByTestId("kpi-ctr");
  await expect(ctr.locator("dd").first()).toHaveText(/^\d+\.\d\d%$/);
  await expect(ctr).toContainText(/95%: \d+\.\d\d%–\d+\.\d\d%/);
  await expect(page.getByTestId("campaign-volume-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("campaign-ctr-chart").locator(".recharts-area-area").first()).toBeVisible();
  await expect(page.getByTestId("campaign-funnel").getByText("Converted customers who ordered")).toBeVisible();
  await expect(page.getByTestId("campaign-retention").getByRole("row")).toHaveCount(4);

  const form = page.getByTestId("breakdown-form");
  await form.getByLabel("Break down by").selectOption("rfm");
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/by=rfm/);
  const rows = page.getByTestId("breakdown-table").locator("tbody tr th");
  await expect(rows.first()).toBeVisible();
  expect(await rows.allTextContents()).toEqual(expect.arrayContaining(["Champions"]));
  expect(problems).toEqual([]);
});

test("the overview's heatmap greys out cells too thin to judge", async ({ page }) => {
  const { problems } = await open(page, "/campaigns?by=age-band&heat=roi");
  const map = page.getByTestId("campaign-heatmap");
  await expect(map).toBeVisible();
  await expect(map.locator('td[data-judged="yes"]').first()).toBeVisible();
  await expect(page.getByText(/ROI by campaign and age band/)).toBeVisible();
  expect(problems).toEqual([]);
});

test("open the A/B test and read a verdict that matches its interval", async ({ page }) => {
  const { problems } = await open(page, "/campaigns/tests");
  await page.getByTestId("tests-list").getByRole("link", { name: "mid-season-subject-line" }).click();
  await expect(page.getByRole("heading", { name: "A/B test “mid-season-subject-line”" })).toBeVisible();
  const verdict = page.getByTestId("ab-verdicts").locator("li").first();
  await expect(verdict).toHaveAttribute("data-outcome", "variant-wins");
  await expect(verdict).toHaveText(/^B beats A: CTR \+\d+\.\d% \(95% interval \+\d+\.\d% to \+\d+\.\d%\)/);
  const form = page.getByTestId("ab-form");
  await form.getByLabel("Method").selectOption("bayesian");
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/method=bayesian/);
  await expect(page.getByTestId("ab-verdicts")).toContainText(/chance to be better/);
  expect(problems).toEqual([]);
});

test("switch the attribution model", async ({ page }) => {
  const { problems } = await open(page, "/campaigns/attribution");
  await expect(page.getByText(/Every model hands out the same total/)).toBeVisible();
  await expect(page.getByTestId("attribution-channels").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Last click, in detail" })).toBeVisible();
  const form = page.getByTestId("model-form");
  await form.getByLabel("Model").selectOption("markov");
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/model=markov/);
  await expect(page.getByRole("heading", { name: "Markov (data-driven), in detail" })).toBeVisible();
  await expect(page.getByTestId("attribution-detail").locator("tbody tr").first()).toBeVisible();
  expect(problems).toEqual([]);
});
