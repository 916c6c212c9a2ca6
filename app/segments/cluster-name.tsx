"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { renameClusterAction } from "./actions";

/** A cluster's name with an inline editor; saving an empty name brings the generated one back. */
export function ClusterName({ runId, cluster, name, generated }: { runId: number; cluster: number; name: string; generated: string }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!editing) {
    return (
      <span className="inline-flex items-center gap-2">
        <span data-testid="cluster-name">{name}</span>
        <button
          type="button"
          onClick={() => {
            setValue(name);
            setError(null);
            setEditing(true);
          }} className="text-xs text-indigo-700 underline" aria-label={`Rename ${name}`}>
          Rename
        </button>
      </span>
    );
  }
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await renameClusterAction({ runId, cluster, name: value });
      if (r.ok) setEditing(false);
      else setError(r.message);
    });
  };
  return (
    <form onSubmit={save} className="flex flex-wrap items-center gap-2">
      <input
        aria-label={`New name for ${name}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
        placeholder={generated}
        autoFocus
        maxLength={80}
        className="w-56 rounded border border-slate-300 px-2 py-1 text-sm font-normal"
      />
      <Button type="submit" disabled={pending}>Save</Button>
      <Button type="button" variant="secondary" onClick={() => setEditing(false)}>Cancel</Button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </form>
  );
}
