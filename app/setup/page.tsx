import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { countUsers } from "@/lib/db/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

// MarketLens ships with no account and no default password: the first visit makes the first admin here.
export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/sign-in");
  return (
    <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Welcome to MarketLens</h1>
      <p className="mb-5 text-sm text-slate-600">
        Create the first admin account. This page works once, while there are no users; afterwards admins add people
        from <strong>Admin → Users</strong> (or <code className="rounded bg-slate-100 px-1">npm run -s cli -- users create</code>).
      </p>
      <SetupForm />
    </div>
  );
}
