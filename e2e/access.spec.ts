import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROLES, stateOf, type Role } from "./roles";

// Every page of the app, found from the file system so a new one cannot be forgotten, opened as nobody
// and as each role: signed out, it leads to sign-in; a role without access gets the 403 page; the rest
// open. Server actions and route handlers are walked the same way in lib/auth/access-matrix.test.ts.

/** Who may open each page (app/**\/page.tsx, dynamic segments as a real id of the seeded shop). */
const PAGES: Record<string, readonly Role[] | "public"> = {
  "/": ROLES,
  "/admin": ["admin"],
  "/admin/audit": ["admin"],
  "/admin/customers": ["admin"],
  "/admin/tokens": ["admin"],
  "/campaigns": ROLES,
  "/campaigns/[id]": ROLES,
  "/campaigns/attribution": ROLES,
  "/campaigns/compare": ROLES,
  "/campaigns/scoring": ROLES,
  "/campaigns/scoring/fairness": ROLES,
  "/campaigns/targeting": ROLES,
  "/campaigns/uplift": ROLES,
  "/campaigns/scoring/daily": ROLES,
  "/campaigns/scoring/file": ROLES,
  "/recommendations/fairness": ROLES,
  "/campaigns/tests": ROLES,
  "/campaigns/tests/[group]": ROLES,
  "/customers/[id]": ROLES,
  "/data": ROLES,
  "/data/import": ["admin", "analyst"],
  "/products/[id]": ROLES,
  "/recommendations": ROLES,
  "/recommendations/evaluation": ROLES,
  "/segments": ROLES,
  "/segments/[id]": ROLES,
  "/setup": "public",
  "/sign-in": "public",
};

function pageRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === "api" ? [] : pageRoutes(path.join(dir, e.name), `${prefix}/${e.name}`);
    return e.name === "page.tsx" ? [prefix || "/"] : [];
  });
}

test("the matrix lists exactly the pages under app/", () => {
  expect(pageRoutes().sort()).toEqual(Object.keys(PAGES).sort());
});

// A saved segment for /segments/[id]: made by the admin through the same route the rule builder uses.
let segmentId = 0;
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: stateOf("admin") });
  const page = await context.newPage();
  await page.goto("/segments");
  await page.getByRole("button", { name: /Save .* as a segment/ }).first().click();
  await expect(page.locator("main").getByRole("status").filter({ hasText: /^Saved with/ })).toBeVisible();
  await page.goto("/segments");
  const link = page.getByRole("region", { name: "Saved segments" }).locator('a[href^="/segments/"]').first();
  segmentId = Number((await link.getAttribute("href"))!.split("/").pop());
  await context.close();
});

const url = (p: string) => p.replace("/campaigns/tests/[group]", "/campaigns/tests/mid-season-subject-line").replace("/campaigns/[id]", "/campaigns/1").replace("/customers/[id]", "/customers/3").replace("/products/[id]", "/products/1").replace("/segments/[id]", `/segments/${segmentId}`);

test("signed out, every page but sign-in and set-up leads to the sign-in page", async ({ page }) => {
  for (const [p, who] of Object.entries(PAGES)) {
    if (who === "public") continue;
    await page.goto(url(p));
    await expect(page, p).toHaveURL(/\/sign-in(\?next=.*)?$/);
  }
});

for (const role of ROLES) {
  test(`as ${role}, exactly the pages of the matrix open; the others answer 403`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateOf(role) });
    const page = await context.newPage();
    for (const [p, who] of Object.entries(PAGES)) {
      if (who === "public") continue;
      const res = await page.goto(url(p));
      if (who.includes(role)) {
        expect(res?.status(), `${role} ${p}`).toBe(200);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" }), `${role} ${p}`).toHaveCount(0);
      } else {
        expect(res?.status(), `${role} ${p}`).toBe(403);
        await expect(page.getByRole("heading", { name: "You do not have access to this page" }), `${role} ${p}`).toBeVisible();
      }
    }
    await context.close();
  });
}
