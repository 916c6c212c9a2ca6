import { expect, test } from "@playwright/test";
import { open } from "./helpers";

test("cancels a training under way from its progress bar", async ({ page }) => {
  test.setTimeout(90_000);
  const { problems } = await open(page, "/recommendations");
  await page.getByRole("region", { name: "Models" }).getByRole("button", { name: /^Train (the models|again)$/ }).click();
  await expect(page.getByRole("progressbar", { name: "Training the models" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByText(/^Training the models was cancelled\. Cancelled/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Models" })).toContainText("No models trained yet");
  expect(problems).toEqual([]);
});

test("trains the models, opens a customer, switches algorithms and reads the reasons", async ({ page, request }) => {
  // Training tunes EASE, ALS and the hybrid first: about half a minute on the demo shop.
  test.setTimeout(180_000);
  const { problems } = await open(page, "/recommendations");
  const models = page.getByRole("region", { name: "Models" });
  // Views say little here: leave them out of this training.
  await models.getByLabel("view", { exact: true }).fill("0");
  await models.getByRole("button", { name: /^Train (the models|again)$/ }).click();
  await expect(page.getByRole("progressbar", { name: "Training the models" })).toBeVisible();
  await expect(page.getByText(/^Training the models finished in [\d.]+ s\.$/)).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId("tuned-ease")).toContainText(/^Chose λ \d+ of 6 tried/);
  await expect(models).toContainText(/Weights: .*purchase 5.*view 0/);
  await expect(page.getByTestId("trained-models")).toContainText("item-knn");

  // One customer, every algorithm side by side, each item with a reason.
  const form = page.getByRole("form", { name: "Preview recommendations" });
  await form.getByLabel("Customer").fill("C000003");
  await form.getByLabel("Algorithm").selectOption("all");
  await form.getByLabel("Items", { exact: true }).fill("5");
  await form.getByRole("button", { name: "Show recommendations" }).click();
  await expect(page.getByTestId("preview-customer")).toContainText("C000003");
  const knn = page.getByTestId("recs-item-knn");
  await expect(knn.locator("li")).toHaveCount(5);
  await expect(knn.getByTestId("reason").first()).toHaveText(/^Because they bought “.+”/);
  await expect(page.getByTestId("recs-popularity").getByTestId("reason").first()).toHaveText(/^Popular: \d+ customers chose it\.$/);

  // Switch to one algorithm: the reasons change with it.
  await form.getByLabel("Algorithm").selectOption("user-knn");
  await form.getByRole("button", { name: "Show recommendations" }).click();
  await expect(page).toHaveURL(/algorithm=user-knn/);
  const userKnn = page.getByTestId("recs-user-knn");
  await expect(userKnn.locator("li")).toHaveCount(5);
  await expect(userKnn.getByTestId("reason").first()).toHaveText(/^\d+ of their \d+ most similar customers chose it\.$/);

  // Buy again offers only bought items, so it says what to tick when they are excluded.
  await form.getByLabel("Algorithm").selectOption("buy-again");
  await form.getByRole("button", { name: "Show recommendations" }).click();
  await expect(page.getByTestId("recs-buy-again")).toContainText("Include items already bought");
  await form.getByLabel("Include items already bought").check();
  await form.getByRole("button", { name: "Show recommendations" }).click();
  await expect(page.getByTestId("recs-buy-again").getByTestId("reason").first()).toHaveText(/^They bought it (once|\d+ times), last on \d{4}-\d{2}-\d{2}\.$/);

  // The same through the API, by database id.
  const id = (await page.getByTestId("preview-customer").getByRole("link").getAttribute("href"))!.split("/").pop();
  const api = await request.get(`/api/recommendations/${id}?n=3&algorithm=ease`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { externalId: string; items: { reason: string; score: number }[] };
  expect(body.externalId).toBe("C000003");
  expect(body.items).toHaveLength(3);
  expect(body.items[0]!.reason).toMatch(/^Because they bought/);
  expect((await request.get(`/api/recommendations/${id}?algorithm=magic`)).status()).toBe(400);
  expect((await request.get(`/api/recommendations/999999999`)).status()).toBe(404);

  // A recommended product's page: what its buyers also bought.
  const product = page.getByTestId("recs-buy-again").getByRole("link").first();
  const productName = (await product.textContent())!;
  await product.click();
  await expect(page.getByRole("heading", { name: productName, level: 1 })).toBeVisible();
  const also = page.getByTestId("also-bought").locator("li");
  await expect(also.first()).toContainText(/\d+ customers have both · similarity 0\.\d\d/);
  expect(await also.count()).toBeGreaterThan(1);
  expect(problems).toEqual([]);
});

test("evaluates the algorithms on the shop's own events as a job and compares them, then their fairness across groups", async ({ page }) => {
  // The fairness page re-fits the best algorithm.
  test.setTimeout(90_000);
  const { problems } = await open(page, "/recommendations");
  await page.getByRole("link", { name: /Compare the algorithms/ }).click();
  const form = page.getByRole("form", { name: "Evaluate recommenders" });
  // A quick run: two fast algorithms against best sellers.
  for (const a of ["user-knn", "content", "als", "ease", "buy-again", "hybrid", "trending", "segment-popularity"]) await form.getByLabel(a, { exact: true }).uncheck();
  await form.getByRole("button", { name: "Evaluate" }).click();
  await expect(page.getByText(/^Evaluating finished in [\d.]+ s\.$/)).toBeVisible({ timeout: 60_000 });
  const rows = page.getByTestId("evaluation-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.locator("th")).toHaveText(["popularity", "item-knn"]);
  await expect(page.getByTestId("best-algorithm")).toContainText(/Best by nDCG@10: (popularity|item-knn)/);
  await expect(page.getByTestId("evaluation-chart").locator(".recharts-bar")).toHaveCount(4);

  // The fairness report of this evaluation: nDCG and category exposure by customer group.
  await page.getByRole("link", { name: "Fairness across customer groups" }).click();
  await expect(page.getByRole("heading", { name: "Fairness of recommendations", level: 1 })).toBeVisible();
  await expect(page.getByTestId("recs-fairness-summary").locator("li").first()).toHaveText(/\S/);
  await expect(page.getByTestId("recs-fairness-ndcg")).toContainText("gender");
  await expect(page.getByTestId("recs-fairness-exposure")).toHaveCount(3); // gender, age band, country
  await expect(page.getByTestId("recs-fairness-exposure").first()).toContainText("All recommendations");
  // A minimum of 0 is refused by the server (the field's min=1 is switched off to send it): the page says why and shows the default report.
  const fairness = page.getByRole("form", { name: "Recommender fairness settings" });
  await fairness.getByLabel("Minimum group size").fill("0");
  await fairness.evaluate((f) => {
    (f as HTMLFormElement).noValidate = true;
  });
  await fairness.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/[?&]min=0(&|$)/);
  await expect(page.locator("main").getByRole("alert").filter({ hasText: "minimum group size" })).toHaveText(
    "The minimum group size must be a whole number from 1 to 1,000,000; showing the default report instead (the best algorithm, groups of 30 or more, no imported attribute).",
  );
  await expect(page.getByTestId("recs-fairness-ndcg")).toContainText("gender");
  expect(problems).toEqual([]);
});
