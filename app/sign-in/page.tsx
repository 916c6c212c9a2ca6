import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentCaller, safeNextPath } from "@/lib/auth/page-guard";
import { countUsers } from "@/lib/db/users";
import { first, type SearchParams } from "@/lib/url-state";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";


export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const next = safeNextPath(first(await searchParams, "next"));
  if ((await countUsers()) === 0) redirect("/setup");
  if (await currentCaller()) redirect(next);
  return (
    <div className="mx-auto max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in to MarketLens</h1>
      <p className="mb-5 text-sm text-slate-600">No account yet? Ask an admin of this MarketLens to create one for you.</p>
      <SignInForm next={next} />
    </div>
  );
}
