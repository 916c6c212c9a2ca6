import { expect, test } from "@playwright/test";
import { stateOf } from "./roles";

// Personal data by role, and the admin's privacy tools, on the seeded demo shop (C000003 and friends).

test("a viewer sees customers' emails and names masked on every page that shows them, and cannot search by them", async ({ browser }) => {
  const viewer = await browser.newContext({ storageState: stateOf("viewer") });
  const admin = await browser.newContext({ storageState: stateOf("admin") });
  const asViewer = await viewer.newPage();
  const asAdmin = await admin.newPage();
  await asAdmin.goto("/customers/3");
  const clearEmail = (await asAdmin.getByTestId("customer-attributes").locator("dd").first().textContent())!.trim();
  expect(clearEmail).toMatch(/^[^•]+@example\.com$/);
  const heading = (await asAdmin.getByRole("heading", { level: 1 }).textContent())!;
  const name = heading.split(" · ")[1]!;

  await asViewer.goto("/customers/3");
  await expect(asViewer.getByTestId("customer-attributes").locator("dd").first()).toHaveText(`${clearEmail[0]}•••@example.com`);
  const initials = name.split(/\s+/).map((w) => `${w[0]}.`).join(" ");
  await expect(asViewer.getByRole("heading", { level: 1 })).toHaveText(`C000003 · ${initials}`);
  // Nowhere on the pages that list customers does the address or the name appear in clear.
  for (const p of ["/customers/3", "/data", "/data?tab=events", "/segments", `/recommendations?customer=C000003`]) {
    await asViewer.goto(p);
    const text = await asViewer.locator("main").innerText();
    expect(text, p).not.toContain(clearEmail);
    expect(text, p).not.toContain(name);
  }
  // A viewer is offered no control their role would refuse.
  await asViewer.goto("/segments");
  await expect(asViewer.getByRole("button", { name: /as a segment$/ })).toHaveCount(0);
  await expect(asViewer.getByRole("button", { name: /^Delete segment/ })).toHaveCount(0);
  await expect(asViewer.getByText("A marketer, analyst or admin can build and save segments; your role reads them.")).toBeVisible();
  // Searching by the address finds nobody for a viewer (it would tell them who is a customer).
  await asViewer.goto(`/data?q=${encodeURIComponent(clearEmail)}`);
  await expect(asViewer.getByText(`No customer matches “${clearEmail}”`)).toBeVisible();
  await asAdmin.goto(`/data?q=${encodeURIComponent(clearEmail)}`);
  await expect(asAdmin.getByTestId("customers-table").getByRole("link", { name: "C000003", exact: true })).toBeVisible();
  await viewer.close();
  await admin.close();
});

test("a marketer's segment export leaves out emails and names; an analyst's has them", async ({ browser }) => {
  const marketer = await browser.newContext({ storageState: stateOf("marketer") });
  const page = await marketer.newPage();
  await page.goto("/segments");
  const href = await page.getByRole("region", { name: "Saved segments" }).locator('a[href^="/segments/"]').first().getAttribute("href");
  const csv = await (await page.request.get(`/api${href}/export`)).text();
  expect(csv.split("\n")[0]).toBe("customer_id,country,orders,revenue,last_purchase_at");
  expect(csv).not.toContain("@example.com");
  await marketer.close();
  const analyst = await browser.newContext({ storageState: stateOf("analyst") });
  const withPii = await (await (await analyst.newPage()).request.get(`/api${href}/export`)).text();
  expect(withPii.split("\n")[0]).toBe("customer_id,email,name,country,orders,revenue,last_purchase_at");
  expect(withPii).toContain("@example.com");
  await analyst.close();
});

test("an admin creates an API token, the API answers it by scope, and a revoked token is refused", async ({ browser, playwright }) => {
  const admin = await browser.newContext({ storageState: stateOf("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/tokens");
  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel("Acts as").selectOption("analyst@shop.example");
  await form.getByLabel("Name").fill("email tool");
  await form.getByLabel(/segments:read/).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^mlk_[A-Za-z0-9_-]{43}$/);

  const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/admin.*$/, ""), extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const count = await api.get(`/api/segments/count?rule=${encodeURIComponent(JSON.stringify({ all: [{ field: "age", op: "gte", value: 18 }] }))}`);
  expect(count.status()).toBe(200);
  expect(await count.json()).toMatchObject({ description: "Age ≥ 18" });
  const other = await api.get("/api/recommendations/3");
  expect(other.status()).toBe(403);
  expect(await other.json()).toEqual({ code: "unauthorised", message: 'This API token does not have the scope "recommendations:read".' });

  await page.reload();
  const id = (await page.getByTestId("tokens-table").locator("tbody tr", { hasText: "email tool" }).locator("td").first().textContent())!.trim();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: `Revoke token ${id}` }).click();
  await expect(page.getByTestId("tokens-table").locator("tbody tr", { hasText: "email tool" })).toContainText("revoked");
  const revoked = await api.get(`/api/segments/count?rule=${encodeURIComponent('{"all":[]}')}`);
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toEqual({ code: "unauthenticated", message: "This API token has been revoked." });
  await api.dispose();
  await admin.close();
});

test("an admin exports a customer's data and erases them; the audit log records it without the address", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: stateOf("admin") });
  const page = await admin.newPage();
  await page.goto("/customers/7");
  const email = (await page.getByTestId("customer-attributes").locator("dd").first().textContent())!.trim();

  await page.goto("/admin/customers");
  await page.getByLabel("Find by").selectOption("email");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export their data (JSON)" }).click();
  const file = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of file) chunks.push(c as Buffer);
  const data = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { customer: { id: number; email: string }; events: unknown[] };
  expect(data.customer).toMatchObject({ id: 7, email });
  expect(data.events.length).toBeGreaterThan(0);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Erase customer" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText(/^Erased customer 7: \d+ events, \d+ campaign events/);
  expect((await page.goto("/customers/7"))?.status()).toBe(404);

  await page.goto("/admin/audit?action=customer.erase");
  const row = page.getByTestId("audit-table").locator("tbody tr").first();
  await expect(row).toContainText("customer.erase");
  await expect(row).toContainText("customer 7");
  await expect(row).toContainText("admin@shop.example");
  await page.goto("/admin/audit");
  expect(await page.locator("main").innerText()).not.toContain(email);
  await admin.close();
});
