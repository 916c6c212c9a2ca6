"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ROLE_SUMMARY, ROLES, type Role } from "@/lib/auth/roles";
import { createUserAction, setRoleAction } from "./actions";

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";

export function NewUserForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const f = new FormData(formEl);
    setBusy(true);
    const r = await createUserAction({ email: String(f.get("email")), name: String(f.get("name") ?? ""), password: String(f.get("password")), role: String(f.get("role")) as Role });
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: `Created ${r.data.email} (${r.data.role}). Give them their password by a safe channel.` } : { ok: false, text: r.message });
    if (r.ok) {
      formEl.reset();
      router.refresh();
    }
  }
  return (
    <form onSubmit={submit} aria-label="New user" className="grid gap-3 md:grid-cols-5 md:items-end">
      <label className="text-sm font-medium">Email<input name="email" type="email" required autoComplete="off" className={INPUT} /></label>
      <label className="text-sm font-medium">Name<input name="name" autoComplete="off" className={INPUT} /></label>
      <label className="text-sm font-medium">Password<input name="password" type="password" required minLength={8} autoComplete="new-password" className={INPUT} /></label>
      <label className="text-sm font-medium">
        Role
        <select name="role" defaultValue="viewer" className={INPUT}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <Button type="submit" disabled={busy}>{busy ? "Creating…" : "Create user"}</Button>
      {message ? <p role={message.ok ? "status" : "alert"} className={`text-sm md:col-span-5 ${message.ok ? "text-emerald-700" : "text-red-700"}`}>{message.text}</p> : null}
    </form>
  );
}

export function RoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span>
      <select
        aria-label={`Role of ${email}`}
        defaultValue={role}
        disabled={busy}
        title={ROLE_SUMMARY[role]}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        onChange={async (e) => {
          const next = e.currentTarget.value as Role;
          setBusy(true);
          const r = await setRoleAction({ userId, role: next });
          setBusy(false);
          setError(r.ok ? null : r.message);
          router.refresh();
        }}
      >
        {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}
