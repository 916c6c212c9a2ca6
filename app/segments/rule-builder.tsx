"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ATTRIBUTE_FIELD, type Condition, fieldOf, OPERATOR_LABELS, OPERATORS_BY_KIND, type Operator, PERSONAL_FIELDS, RULE_FIELDS, type RuleNode } from "@/lib/segments/rules";
import { saveRuleSegmentAction } from "./rule-actions";
import { fetchRuleCount } from "./rule-count";

interface Row {
  key: number;
  field: string;
  op: Operator;
  value: string;
  value2: string;
}
interface GroupState {
  mode: "all" | "any";
  rows: Row[];
  groups: { key: number; mode: "all" | "any"; rows: Row[] }[];
}

let nextKey = 1;
const newRow = (): Row => ({ key: nextKey++, field: "country", op: "eq", value: "", value2: "" });
const kindOf = (field: string) => fieldOf(field)?.kind ?? "text";
const opsFor = (field: string) => OPERATORS_BY_KIND[field.startsWith(ATTRIBUTE_FIELD) ? "attribute" : kindOf(field)];

function typed(field: string, raw: string): string | number {
  const t = raw.trim();
  return (kindOf(field) === "number" || field.startsWith(ATTRIBUTE_FIELD)) && t !== "" && Number.isFinite(Number(t)) ? Number(t) : t;
}

function toCondition(r: Row): Condition {
  if (r.op === "empty" || r.op === "notEmpty") return { field: r.field, op: r.op };
  if (r.op === "between") return { field: r.field, op: r.op, values: [typed(r.field, r.value), typed(r.field, r.value2)] };
  if (r.op === "in") return { field: r.field, op: r.op, values: r.value.split(",").map((v) => typed(r.field, v)).filter((v) => v !== "") };
  if (r.op === "withinDays") return { field: r.field, op: r.op, value: Number(r.value) };
  return { field: r.field, op: r.op, value: typed(r.field, r.value) };
}

function toRule(g: GroupState): RuleNode {
  const items: RuleNode[] = [...g.rows.map(toCondition), ...g.groups.map((s) => (s.mode === "all" ? { all: s.rows.map(toCondition) } : { any: s.rows.map(toCondition) }))];
  return g.mode === "all" ? { all: items } : { any: items };
}

function ConditionRow({ row, attributes, onChange, onRemove, label, personal }: { row: Row; attributes: readonly string[]; onChange: (r: Row) => void; onRemove: () => void; label: string; personal: boolean }) {
  const kind = kindOf(row.field);
  const input = `rounded-md border border-slate-300 px-2 py-1 text-sm`;
  const valueType = kind === "date" && row.op !== "withinDays" ? "date" : "text";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={label}>
      <select aria-label={`${label}: field`} className={input} value={row.field} onChange={(e) => onChange({ ...row, field: e.target.value, op: opsFor(e.target.value).includes(row.op) ? row.op : opsFor(e.target.value)[0]! })}>
        <optgroup label="Customer">{RULE_FIELDS.filter((f) => f.source === "customer" && (personal || !PERSONAL_FIELDS.has(f.id))).map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}</optgroup>
        <optgroup label="Purchase history">{RULE_FIELDS.filter((f) => f.source === "purchases").map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}</optgroup>
        {attributes.length ? <optgroup label="Imported attributes">{attributes.map((a) => <option key={a} value={ATTRIBUTE_FIELD + a}>{a}</option>)}</optgroup> : null}
      </select>
      <select aria-label={`${label}: operator`} className={input} value={row.op} onChange={(e) => onChange({ ...row, op: e.target.value as Operator })}>
        {opsFor(row.field).map((op) => <option key={op} value={op}>{OPERATOR_LABELS[op]}</option>)}
      </select>
      {row.op === "empty" || row.op === "notEmpty" ? null : (
        <input aria-label={`${label}: value`} className={input} type={valueType} value={row.value} placeholder={row.op === "in" ? "a, b, c" : row.op === "withinDays" ? "days" : ""} onChange={(e) => onChange({ ...row, value: e.target.value })} />
      )}
      {row.op === "between" ? <input aria-label={`${label}: second value`} className={input} type={valueType} value={row.value2} onChange={(e) => onChange({ ...row, value2: e.target.value })} /> : null}
      <Button variant="secondary" onClick={onRemove} aria-label={`Remove ${label.toLowerCase()}`}>Remove</Button>
    </div>
  );
}

function ModeSelect({ mode, onChange, label }: { mode: "all" | "any"; onChange: (m: "all" | "any") => void; label: string }) {
  return (
    <label className="text-sm">
      {label}{" "}
      <select aria-label={label} className="rounded-md border border-slate-300 px-2 py-1" value={mode} onChange={(e) => onChange(e.target.value as "all" | "any")}>
        <option value="all">all of</option>
        <option value="any">any of</option>
      </select>{" "}
      these conditions
    </label>
  );
}

/** Builds a rule, counts its customers as it changes, and saves it as a segment. */
/** `personal`: the viewer may use email and name (the server checks again). */
export function RuleBuilder({ attributes, personal }: { attributes: readonly string[]; personal: boolean }) {
  const router = useRouter();
  const [g, setG] = useState<GroupState>({ mode: "all", rows: [newRow()], groups: [] });
  const [debounced, setDebounced] = useState(() => JSON.stringify(toRule(g)));
  const [name, setName] = useState("");
  const [saving, startSave] = useTransition();
  const [saveNote, setSaveNote] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(JSON.stringify(toRule(g))), 300);
    return () => clearTimeout(t);
  }, [g]);
  const count = useQuery({ queryKey: ["rule-count", debounced], queryFn: ({ signal }) => fetchRuleCount(JSON.parse(debounced) as RuleNode, signal), placeholderData: (previous) => previous });
  const setRow = (i: number, r: Row) => setG({ ...g, rows: g.rows.map((x, j) => (j === i ? r : x)) });
  const save = () =>
    startSave(async () => {
      const r = await saveRuleSegmentAction({ name, rule: toRule(g) });
      setSaveNote(r.ok ? `Saved “${name.trim()}” with ${r.data.memberCount.toLocaleString()} customers.` : r.message);
      if (r.ok) {
        setName("");
        router.refresh();
      }
    });
  const result = count.data;
  return (
    <div className="space-y-3">
      <ModeSelect mode={g.mode} onChange={(mode) => setG({ ...g, mode })} label="Customers matching" />
      {g.rows.map((r, i) => (
        <ConditionRow key={r.key} row={r} attributes={attributes} personal={personal} label={`Condition ${i + 1}`} onChange={(x) => setRow(i, x)} onRemove={() => setG({ ...g, rows: g.rows.filter((_, j) => j !== i) })} />
      ))}
      {g.groups.map((s, gi) => (
        <fieldset key={s.key} className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm">
            <ModeSelect mode={s.mode} onChange={(mode) => setG({ ...g, groups: g.groups.map((x, j) => (j === gi ? { ...x, mode } : x)) })} label={`Group ${gi + 1}: match`} />
          </legend>
          {s.rows.map((r, i) => (
            <ConditionRow key={r.key} row={r} attributes={attributes} personal={personal} label={`Group ${gi + 1} condition ${i + 1}`}
              onChange={(x) => setG({ ...g, groups: g.groups.map((y, j) => (j === gi ? { ...y, rows: y.rows.map((z, k) => (k === i ? x : z)) } : y)) })}
              onRemove={() => setG({ ...g, groups: g.groups.map((y, j) => (j === gi ? { ...y, rows: y.rows.filter((_, k) => k !== i) } : y)) })} />
          ))}
          <Button variant="secondary" onClick={() => setG({ ...g, groups: g.groups.map((y, j) => (j === gi ? { ...y, rows: [...y.rows, newRow()] } : y)) })}>Add condition to group {gi + 1}</Button>
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setG({ ...g, rows: [...g.rows, newRow()] })}>Add condition</Button>
        <Button variant="secondary" onClick={() => setG({ ...g, groups: [...g.groups, { key: nextKey++, mode: "any", rows: [newRow()] }] })}>Add group</Button>
      </div>
      <p role="status" aria-live="polite" className="text-sm" data-testid="rule-count">
        {count.isFetching && !result ? "Counting…" : result?.ok ? <><strong className="tabular-nums">{result.data.count.toLocaleString()}</strong> customers match: {result.data.description}</> : result ? <span className="text-amber-800">{result.message}</span> : null}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          Segment name
          <input className="ml-2 rounded-md border border-slate-300 px-2 py-1" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <Button onClick={save} disabled={saving || !name.trim() || !result?.ok}>{saving ? "Saving…" : "Save segment"}</Button>
        <span role="status" className="text-sm text-slate-600">{saveNote}</span>
      </div>
    </div>
  );
}
