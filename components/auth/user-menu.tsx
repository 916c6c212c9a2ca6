"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "./auth-client";

/** Who is signed in, their role, and Sign out (which ends the session in the database). */
export function UserMenu({ label, role }: { label: string; role: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await authClient.signOut();
    router.replace("/sign-in");
    router.refresh();
  }
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span className="text-slate-600" data-testid="signed-in-as">
        {label} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{role}</span>
      </span>
      <button type="button" onClick={signOut} disabled={busy} className="rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900">
        Sign out
      </button>
    </div>
  );
}
