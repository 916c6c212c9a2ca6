"use client";

import { useState, type FormEvent } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { eraseCustomerAction } from "./actions";

type By = "id" | "externalId" | "email";
const LABELS: Record<By, string> = { id: "Database id", externalId: "External id", email: "Email" };

/** `initial`: a customer named by the link that opened the page (a customer page's "Export or erase"). */
export function CustomerDataForm({ initial }: { initial: { by: By; value: string } | null }) {
  const [by, setBy] = useState<By>(initial?.by ?? "email");
  const [value, setValue] = useState(initial?.value ?? "");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const query = new URLSearchParams({ by, value: value.trim() }).toString();

  async function erase(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!value.trim()) return;
    if (!window.confirm(`Erase the customer with ${LABELS[by].toLowerCase()} “${value.trim()}” and everything about them? This cannot be undone.`)) return;
    setBusy(true);
    const r = await eraseCustomerAction({ by, value });
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, text: r.message });
    const d = r.data;
    setResult({
      ok: true,
      text: `Erased customer ${d.customerId}: ${d.events} events, ${d.campaignEvents} campaign events, ${d.segmentMemberships} segment memberships and ${d.importRowErrors} refused import rows removed; ${d.modelsDropped} model runs dropped${d.retrainingJobs.length ? `, retraining queued (jobs ${d.retrainingJobs.join(", ")})` : ""}. Later imports will refuse them.`,
    });
    setValue("");
  }

  return (
    <form onSubmit={erase} aria-label="Find a customer" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm font-medium">
          Find by
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as By)} className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            {(Object.keys(LABELS) as By[]).map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium">
          {LABELS[by]}
          <input value={value} onChange={(e) => setValue(e.currentTarget.value)} required autoComplete="off" className="mt-1 block w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        </label>
        <a href={value.trim() ? `/api/customers/export?${query}` : undefined} aria-disabled={!value.trim()} className={buttonClass("secondary")} download>
          Export their data (JSON)
        </a>
        <Button type="submit" variant="danger" disabled={busy || !value.trim()}>{busy ? "Erasing…" : "Erase customer"}</Button>
      </div>
      {result ? <p role={result.ok ? "status" : "alert"} className={`text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>{result.text}</p> : null}
    </form>
  );
}
