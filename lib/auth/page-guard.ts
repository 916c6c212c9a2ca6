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

/** Where a signed-out visitor goes: `/sign-in?next=<path>`, only ever to a path of this app. */
export function signInPath(next: string): string {
  return next.startsWith("/") && !next.startsWith("//") && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
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
