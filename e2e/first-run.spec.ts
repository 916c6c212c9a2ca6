import { expect, test, type Browser } from "@playwright/test";
import { emailOf, PASSWORD, ROLES, stateOf, type Role } from "./roles";

// Runs first, on a database with the demo shop and no users (scripts/e2e-server.sh): there is no default
// account, so every page leads to the one-time set-up page.

async function signIn(browser: Browser, role: Role): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/segments");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsegments$/);
  await page.getByLabel("Email").fill(emailOf(role));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where they were going.
  await expect(page.getByRole("heading", { name: "Segments", exact: true })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText(role);
  await context.storageState({ path: stateOf(role) });
  await context.close();
}

test.describe.configure({ mode: "serial" });

test("first run: every page leads to set-up, which makes the first admin and signs them in", async ({ page, request }) => {
  // The API answers 401 rather than data.
  const api = await request.get("/api/segments/count?rule=%7B%22all%22%3A%5B%5D%7D");
  expect(api.status()).toBe(401);

  await page.goto("/customers/1");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to MarketLens" })).toBeVisible();

  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill(emailOf("admin"));
  await page.getByLabel("Password").fill("password1");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("This password is one of the most common ones and easy to guess: choose another.");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText(`${emailOf("admin")} admin`);
  await page.context().storageState({ path: stateOf("admin") });

  // The set-up page is gone for good: signed in, it leads to the overview; signed out, to sign-in.
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the admin adds a user of each other role on the Users page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "New user" });
  for (const role of ROLES.filter((r) => r !== "admin")) {
    await form.getByLabel("Email").fill(emailOf(role));
    await form.getByLabel("Name").fill(`Test ${role}`);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator("main").getByRole("status")).toHaveText(`Created ${emailOf(role)} (${role}). Give them their password by a safe channel.`);
    await expect(page.getByRole("combobox", { name: `Role of ${emailOf(role)}` })).toHaveValue(role);
  }
  // The same address twice is refused with the reason.
  await form.getByLabel("Email").fill(emailOf("viewer"));
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(`There is already a user with the email ${emailOf("viewer")}.`);
  await context.close();
});

test("sign-in: a wrong password is refused; each role signs in and comes back to the page it asked for", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(emailOf("viewer"));
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("The email or password is not right.");
  await context.close();
  for (const role of ROLES.filter((r) => r !== "admin")) await signIn(browser, role);
});

test("sign-out ends the session: the old cookie no longer opens anything", async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf("marketer") });
  const page = await context.newPage();
  await page.goto("/");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
  // A new browser with the signed-out cookie is a stranger.
  const stale = await browser.newContext();
  await stale.addCookies(cookies);
  const again = await stale.newPage();
  await again.goto("/campaigns");
  await expect(again).toHaveURL(/\/sign-in\?next=%2Fcampaigns$/);
  await stale.close();
  // Signed in again for the specs that act as a marketer.
  await signIn(browser, "marketer");
});
