"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/components/auth/auth-client";
import { CredentialsFields } from "@/components/auth/credentials-fields";
import { Button } from "@/components/ui/button";
import { createFirstAdminAction } from "./actions";

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setBusy(true);
    setError(null);
    const made = await createFirstAdminAction({ email, password, name: String(form.get("name") ?? "") });
    if (!made.ok) {
      setBusy(false);
      setError(made.message);
      return;
    }
    const { error: failed } = await authClient.signIn.email({ email, password });
    setBusy(false);
    if (failed) {
      // The account exists: the sign-in page is the way in now.
      router.replace("/sign-in");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Create the first admin">
      <label className="block text-sm font-medium">
        Your name
        <input name="name" autoComplete="name" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none" />
      </label>
      <CredentialsFields newPassword />
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <Button type="submit" disabled={busy}>{busy ? "Creating…" : "Create admin and sign in"}</Button>
    </form>
  );
}
