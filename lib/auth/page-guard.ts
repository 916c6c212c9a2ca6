// Pages ask here who is looking: no users yet → the set-up page; not signed in → the sign-in page (coming
// back afterwards); signed in without the permission → the 403 page (app/forbidden.tsx).
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { countUsers } from "../db/users";
import type { Caller } from "./caller";
import { callerFromHeaders } from "./caller";
import { refusal } from "./guard";
import type { Permission } from "./roles";

/**
 * A path of this app to go to after signing in, or "/". Parsed as a URL against a placeholder origin, so
 * "//evil.example", "/\\evil.example" and "/\t/evil.example" (browsers drop the tab) cannot leave the app.
 */
export function safeNextPath(raw: string | undefined): string {
  if (!raw || !raw.startsWith("/")) return "/";
  const base = "http://marketlens.invalid";
  try {
    const u = new URL(raw, base);
    return u.origin === base && !/[\s\\]/.test(raw) ? `${u.pathname}${u.search}${u.hash}` : "/";
  } catch {
    return "/";
  }
}

/** Where a signed-out visitor goes: `/sign-in?next=<path>`. */
export function signInPath(next: string): string {
  const safe = safeNextPath(next);
  return safe === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(safe)}`;
}

// Once per request: the layout (the header) and the page both ask.
const requestCaller = cache(async (): Promise<Caller | null> => callerFromHeaders(await headers()).catch(() => null));

export async function requirePage(permission: Permission, path: string): Promise<Caller> {
  // A bearer token on a page is refused like any token without a page's scope.
  const caller = await requestCaller();
  if (!caller) {
    if ((await countUsers()) === 0) redirect("/setup");
    redirect(signInPath(path));
  }
  if (caller.via === "token" || refusal(caller, { permission })) forbidden();
  return caller;
}

/** The signed-in person for parts of the page (the header) that show differently by who is looking. */
export async function currentCaller(): Promise<Caller | null> {
  return requestCaller();
}
