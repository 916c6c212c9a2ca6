"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { SCOPE_SUMMARY, SCOPES, type Scope } from "@/lib/auth/roles";
import { createTokenAction, revokeTokenAction } from "../actions";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";

export function NewTokenForm({ users }: { users: string[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ token: string; id: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const days = String(f.get("expiresDays") ?? "").trim();
    setBusy(true);
    const r = await createTokenAction({ userEmail: String(f.get("user")), name: String(f.get("name") ?? ""), scopes: f.getAll("scope").map(String) as Scope[], expiresDays: days ? Number(days) : null });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      setCreated(null);
      return;
    }
    setError(null);
    setCreated({ token: r.data.token, id: r.data.id });
    router.refresh();
  }
  return (
    <form onSubmit={submit} aria-label="New API token" className="space-y-3">
      <div className="grid gap-3 md:grid-cols-3">
        <label className="text-sm font-medium">
          Acts as
          <select name="user" className={INPUT}>{users.map((u) => <option key={u}>{u}</option>)}</select>
        </label>
        <label className="text-sm font-medium">Name<input name="name" placeholder="e.g. email tool" className={INPUT} /></label>
        <label className="text-sm font-medium">Expires after (days, empty for never)<input name="expiresDays" type="number" min={1} max={3650} className={INPUT} /></label>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">Scopes</legend>
        {SCOPES.map((s) => (
          <label key={s} className="mr-4 inline-flex items-center gap-1.5">
            <input type="checkbox" name="scope" value={s} /> <code>{s}</code> <span className="text-slate-500">({SCOPE_SUMMARY[s]})</span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={busy}>{busy ? "Creating…" : "Create token"}</Button>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {created ? (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p className="font-medium">Token {created.id}: copy it now, it is not shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">{created.token}</code>
        </div>
      ) : null}
    </form>
  );
}

export function RevokeButton({ id }: { id: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="danger"
      disabled={busy}
      aria-label={`Revoke token ${id}`}
      onClick={async () => {
        if (!window.confirm(`Revoke token ${id}? Calls with it are refused from then on.`)) return;
        setBusy(true);
        await revokeTokenAction({ id });
        setBusy(false);
        router.refresh();
      }}
    >
      Revoke
    </Button>
  );
}
