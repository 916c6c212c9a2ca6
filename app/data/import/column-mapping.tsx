"use client";

import { ATTRIBUTE_PREFIX, type Mapping } from "@/lib/csv/header-match";
import { type ImportKind, kindSpec } from "@/lib/csv/kinds";

/** The attribute name suggestMapping would give a column. */
function attributeTarget(column: string): string {
  return ATTRIBUTE_PREFIX + column.trim().replace(/\s+/g, " ").slice(0, 100);
}

function TargetSelect({ kind, column, target, disabled, onChange }: { kind: ImportKind | null; column: string; target: string; disabled: boolean; onChange: (t: string) => void }) {
  const spec = kind ? kindSpec(kind) : null;
  const attr = target.startsWith(ATTRIBUTE_PREFIX) ? target : attributeTarget(column);
  return (
    <select
      aria-label={`Import column "${column}" as`}
      value={target}
      disabled={disabled || !spec}
      onChange={(e) => onChange(e.target.value)}
      className={`w-full min-w-36 rounded-md border px-2 py-1 text-sm font-normal normal-case tracking-normal disabled:bg-slate-100 ${target === "" ? "border-slate-300 text-slate-500" : "border-indigo-300 bg-indigo-50 text-slate-900"}`}
    >
      <option value="">Ignore this column</option>
      {spec?.keepsAttributes ? <option value={attr}>Keep as attribute “{attr.slice(ATTRIBUTE_PREFIX.length)}”</option> : null}
      {spec ? (
        <optgroup label={`${spec.label} fields`}>
          {spec.fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.label}
              {f.required ? " (required)" : ""}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}

interface Props {
  kind: ImportKind | null;
  columns: readonly string[];
  preview: readonly (readonly string[])[];
  mapping: Mapping;
  disabled: boolean;
  onChange: (mapping: Mapping) => void;
}

/** The first rows of the file, with a select under each column header saying what the column feeds. */
export function ColumnMapping({ kind, columns, preview, mapping, disabled, onChange }: Props) {
  const setTarget = (i: number, target: string) => {
    const next = [...mapping];
    // A field feeds from one column: choosing it here frees the column that had it.
    if (target && !target.startsWith(ATTRIBUTE_PREFIX)) next.forEach((t, j) => t === target && j !== i && (next[j] = ""));
    next[i] = target;
    onChange(next);
  };
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-sm" data-testid="import-preview">
        <caption className="sr-only">The first rows of the file and what each column is imported as</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className="px-3 pt-2 font-medium">
                <span className="block max-w-64 truncate normal-case text-slate-800" title={c}>{c}</span>
              </th>
            ))}
          </tr>
          <tr className="border-b border-slate-200">
            {columns.map((c, i) => (
              <td key={i} className="px-3 pt-1 pb-2 align-top">
                <TargetSelect kind={kind} column={c} target={mapping[i] ?? ""} disabled={disabled} onChange={(t) => setTarget(i, t)} />
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.map((row, r) => (
            <tr key={r} className="border-b border-slate-100 last:border-0">
              {columns.map((_, i) => (
                <td key={i} className={`px-3 py-1.5 ${mapping[i] ? "text-slate-900" : "text-slate-400"}`}>
                  <span className="block max-w-64 truncate" title={row[i] ?? ""}>{row[i] ?? ""}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.length === 0 ? <p className="px-3 py-4 text-sm text-slate-600">The file has a header row but no data rows.</p> : null}
    </div>
  );
}
