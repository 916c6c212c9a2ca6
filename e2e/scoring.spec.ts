import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { open } from "./helpers";

// The demo shop (seed 42, end date 2026-11-22): train the response models, read their quality and drivers,
// then a customer's score and its reasons, on the page and from the API.

test("trains the response models, reads their drivers, then a customer's score and why", async ({ page }) => {
  test.setTimeout(240_000);
  const { problems } = await open(page, "/campaigns/scoring");
  await expect(page.getByText("No response models trained yet")).toBeVisible();
  const form = page.getByRole("form", { name: "Train the response models" });
  await form.getByLabel("Test on").selectOption("random");
  await form.getByRole("button", { name: "Train the models" }).click();
  await expect(page.getByRole("progressbar", { name: "Training the response models" })).toBeVisible();
  await expect(page.getByText(/^Training the response models finished in [\d.]+ s\.$/)).toBeVisible({ timeout: 200_000 });

  const models = page.getByTestId("scoring-models");
  await expect(models.locator("tbody tr")).toHaveCount(3);
  await expect(models).toContainText(/Gradient-boosted trees\s*0\.\d{3} \(0\.\d{3}–0\.\d{3}\)/);
  await expect(page.getByTestId("scoring-deciles").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("odds-ratios")).toContainText(/attribute loyaltyMember “true” has 1\.\d+× the odds of a click of “false”/);
  await expect(page.getByTestId("importance-gbt").locator("li").first()).toHaveText(/^.+: AUC falls by 0\.\d{3} \(± 0\.\d{3}\)$/);

  // The fairness report of these scores.
  await page.getByRole("link", { name: "Fairness of these scores" }).click();
  await expect(page.getByTestId("fairness-summary").locator("li").first()).toHaveText(/\S/);
  await expect(page.getByTestId("fairness-groups")).toContainText("gender");

  // An audience by budget, its bid guidance, saved as a segment that opens like any other.
  await page.goto("/campaigns/targeting");
  const settings = page.getByRole("form", { name: "Targeting settings" });
  await settings.getByLabel("Choose by").selectOption("budget");
  await settings.getByLabel("Budget", { exact: true }).fill("30");
  await settings.getByRole("button", { name: "Update" }).click();
  await expect(page).toHaveURL(/budget=30/);
  await expect(page.getByTestId("targeting-gain")).toContainText(/The top 20% of customers hold \d+% of expected clicks\./);
  await expect(page.getByTestId("targeting-audience")).toContainText("Expected ROI");
  await expect(page.getByTestId("bid-sentences").locator("li").first()).toHaveText(/^Top 10%: bid up to .+ a click or .+ per thousand impressions to keep ROI at 50% or more\.$/);
  await expect(page.getByTestId("bids-segments").locator("tbody tr").first()).toBeVisible();
  const save = page.getByRole("form", { name: "Save the audience" });
  await save.getByLabel("Segment name").fill("Budget 30 audience");
  await save.getByRole("button", { name: /^Save [\d,]+ customers as a segment$/ }).click();
  await save.getByRole("status").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Budget 30 audience" })).toBeVisible();
  await expect(page.getByTestId("segment-members").locator("tbody tr").first()).toBeVisible();

  await page.goto("/segments");
  await page.getByTestId("customers-table").getByRole("link", { name: "C000003", exact: true }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByTestId("customer-score")).toHaveText(/^Chance of a click per impression: \d+\.\d%$/);
  await expect(page.getByTestId("score-reasons").locator("li").first()).toHaveText(/ (raises|lowers) the odds [\d.]+×$/);
  const id = page.url().split("/").pop();
  const api = await page.request.get(`/api/scores/${id}?model=logistic`);
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body).toMatchObject({ model: "logistic", target: "click", externalId: "C000003" });
  expect(body.probability).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

// A file of leads made here: visits drive the response, the plan does a little, age nothing.
function leadsCsv(): string {
  const plans = ["basic", "plus", "pro"];
  const lines = ["age,plan,visits,signed_up,responded"];
  for (let i = 0; i < 400; i++) {
    const visits = (i * 13) % 20;
    const likely = visits > 10 || (plans[i % 3] === "pro" && visits > 6);
    const responded = likely ? i % 5 !== 0 : i % 5 === 0;
    lines.push(`${20 + ((i * 7) % 50)},${plans[i % 3]},${visits},2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, "0")},${responded ? "yes" : "no"}`);
  }
  return lines.join("\n");
}

test("scores an uploaded CSV file: target and positive value guessed, a column left out, each column's kind named", async ({ page }, info) => {
  test.setTimeout(120_000);
  const file = info.outputPath("leads.csv");
  writeFileSync(file, leadsCsv());
  const { problems } = await open(page, "/campaigns/scoring/file");
  await expect(page.getByText("No file scored yet")).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles(file);
  await expect(page.getByTestId("scoring-file-name")).toHaveText("Uploaded leads.csv.");
  const form = page.getByRole("form", { name: "Score the file" });
  await expect(form.getByLabel("Target column")).toHaveValue("responded");
  await expect(form.getByLabel("Positive value (what you want to predict)")).toHaveValue("yes");
  await expect(page.getByTestId("scoring-file-columns")).toContainText(/signed_up\s*dates \(not a feature\)/);
  await form.getByLabel("Leave out age").check();
  await form.getByRole("button", { name: "Score the file" }).click();
  await expect(page.getByText(/^Scoring the file finished in [\d.]+ s\.$/)).toBeVisible({ timeout: 100_000 });

  await expect(page.getByRole("heading", { name: /^leads\.csv: predicting responded = yes — run \d+$/ })).toBeVisible();
  const kinds = page.getByTestId("scoring-file-kinds");
  await expect(kinds).toContainText("Numbers: visits.");
  await expect(kinds).toContainText("Categories: plan (3 values).");
  await expect(kinds).toContainText("Left out: age.");
  const models = page.getByTestId("scoring-file-models");
  await expect(models.locator("tbody tr")).toHaveCount(3);
  await expect(models).toContainText(/Logistic regression\s*0\.\d{3} \(0\.\d{3}–[01]\.\d{3}\)/);
  await expect(page.getByTestId("scoring-file-deciles").locator("tbody tr")).toHaveCount(10);
  expect(problems).toEqual([]);
});
