"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

type Saved = { ok: true; data: { id: number; memberCount: number } } | { ok: false; message: string };

/** Saves an audience the page shows as a segment of its own, then links to it. */
export function SaveAudienceForm({ size, save, label = "Save the audience" }: { size: number; save: (name: string) => Promise<Saved>; label?: string }) {
  const [name, setName] = useState("");
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ id: number; memberCount: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    start(async () => {
      const r = await save(name);
      if (r.ok) setResult(r.data);
      else setError(r.message);
    });
  };
  return (
    <form onSubmit={submit} aria-label={label} className="flex flex-wrap items-end gap-3 text-sm">
      <label className="flex flex-col">
        Segment name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <Button type="submit" disabled={pending || size === 0}>
        Save {size.toLocaleString("en")} customers as a segment
      </Button>
      {error ? <span role="alert" className="text-red-700">{error}</span> : null}
      {result ? (
        <span role="status">
          Saved: <Link href={`/segments/${result.id}`} className="text-indigo-700 underline">{result.memberCount.toLocaleString("en")} customers</Link>, with its CSV export (hashed emails for ad platforms) on the segment&rsquo;s page.
        </span>
      ) : null}
    </form>
  );
}
