"use client";

import type { ReactNode } from "react";
import { DATE_FORMATS, type DateFormat } from "@/lib/csv/dates";
import type { Delimiter, TextEncoding } from "@/lib/csv/detect";
import { ALL_KIND_SPECS, type ImportKind, isImportKind, kindSpec } from "@/lib/csv/kinds";

export interface ReadSettingsValue {
  kind: ImportKind | null;
  delimiter: Delimiter;
  hasHeader: boolean;
  encoding: TextEncoding;
  decimalComma: boolean;
  dateFormat: DateFormat;
}

const DELIMITER_LABELS: Record<Delimiter, string> = { ",": "Comma ( , )", ";": "Semicolon ( ; )", "\t": "Tab", "|": "Pipe ( | )" };
const FIELD = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100";

function Field({ id, label, children, hint }: { id: string; label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {hint ? <p className="mt-1 text-xs text-slate-600">{hint}</p> : null}
    </div>
  );
}

function Check({ id, label, checked, disabled, onChange }: { id: string; label: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-center gap-2 self-end pb-1.5">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 rounded border-slate-300 accent-indigo-600" />
      <label htmlFor={id} className="text-sm text-slate-700">{label}</label>
    </div>
  );
}

interface Props {
  value: ReadSettingsValue;
  detectedKind: ImportKind | null;
  dateCandidates: readonly DateFormat[];
  disabled: boolean;
  onChange: (patch: Partial<ReadSettingsValue>) => void;
}

/** "We read this file as…": every setting the analysis guessed, each one changeable. */
export function ReadSettings({ value, detectedKind, dateCandidates, disabled, onChange }: Props) {
  const kindHint = value.kind ? kindSpec(value.kind).description : "The headers did not tell us; choose what each row of the file describes.";
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <div className="md:col-span-3">
        <Field id="import-kind" label="Kind of data" hint={kindHint}>
          <select id="import-kind" className={`${FIELD} md:w-96`} value={value.kind ?? ""} disabled={disabled} onChange={(e) => isImportKind(e.target.value) && onChange({ kind: e.target.value })}>
            {value.kind === null ? <option value="" disabled>Choose what the file holds…</option> : null}
            {ALL_KIND_SPECS.map((s) => (
              <option key={s.kind} value={s.kind}>
                {s.label}
                {s.kind === detectedKind ? " (detected)" : ""}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="import-delimiter" label="Delimiter">
        <select id="import-delimiter" className={FIELD} value={value.delimiter} disabled={disabled} onChange={(e) => onChange({ delimiter: e.target.value as Delimiter })}>
          {Object.entries(DELIMITER_LABELS).map(([d, label]) => (
            <option key={d} value={d}>{label}</option>
          ))}
        </select>
      </Field>
      <Field id="import-encoding" label="Text encoding">
        <select id="import-encoding" className={FIELD} value={value.encoding} disabled={disabled} onChange={(e) => onChange({ encoding: e.target.value as TextEncoding })}>
          <option value="utf-8">UTF-8</option>
          <option value="latin1">Latin-1 / Windows-1252 (older Excel)</option>
        </select>
      </Field>
      <Field
        id="import-date-format"
        label="Date format"
        hint={dateCandidates.includes("dmy") && dateCandidates.includes("mdy") ? <span className="text-amber-800">These dates read both as day/month and as month/day: check that the format chosen is the file&rsquo;s.</span> : undefined}
      >
        <select id="import-date-format" className={FIELD} value={value.dateFormat} disabled={disabled} onChange={(e) => onChange({ dateFormat: e.target.value as DateFormat })}>
          {DATE_FORMATS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}, e.g. {d.example}
              {dateCandidates.includes(d.id) ? " (fits this file)" : ""}
            </option>
          ))}
        </select>
      </Field>
      <Check id="import-has-header" label="The first row holds column names" checked={value.hasHeader} disabled={disabled} onChange={(v) => onChange({ hasHeader: v })} />
      <Check id="import-decimal-comma" label="Numbers use a decimal comma (1.234,56)" checked={value.decimalComma} disabled={disabled} onChange={(v) => onChange({ decimalComma: v })} />
    </div>
  );
}
