import { expect, type Page } from "@playwright/test";

/** Opens a page and fails on any console error or failed request, so broken pages never pass quietly. */
export async function open(page: Page, path: string) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  return { problems };
}

export async function kpi(page: Page, id: string) {
  return (await page.getByTestId(id).locator("dd").first().textContent())?.trim();
}
