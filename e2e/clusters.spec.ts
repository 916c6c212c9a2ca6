import { expect, test } from "@playwright/test";
import { open } from "./helpers";

test("finds customer clusters from the segments page, names them, and says why it chose k", async ({ page }) => {
  const { problems } = await open(page, "/segments");
  await page.getByRole("button", { name: /^Find clusters/ }).click();
  // The page comes back with the stored result: the clusters, when they were computed, and why this k.
  const why = page.getByText(/^Why k = \d+$/);
  await expect(why).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Computed .* in [\d.]+ s\./)).toBeVisible();
  const k = Number((await why.textContent())!.match(/\d+/)![0]);
  const rows = page.getByTestId("clusters").locator("tbody tr");
  await expect(rows).toHaveCount(k);
  // Every customer with a purchase is in exactly one cluster.
  const sizes = (await rows.locator("td:nth-child(2)").allTextContents()).map((s) => Number(s.replace(/[^0-9]/g, "")));
  const scored = (await page.getByTestId("rfm-segments").locator("tbody tr td:nth-child(3)").allTextContents()).map((s) => Number(s.replace(/[^0-9]/g, "")));
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(scored.reduce((a, b) => a + b, 0));
  await expect(rows.first().locator("th")).not.toBeEmpty();
  await why.click();
  await expect(page.getByTestId("k-reason")).toContainText(/^The inertia curve bends at k = \d+/);
  await expect(page.getByTestId("k-tried").locator("tbody tr")).toHaveCount(9);
  expect(problems).toEqual([]);
});
