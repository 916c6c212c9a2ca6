// Cells and pieces the fairness reports' group tables share.
import type { ReactNode } from "react";
import type { Column } from "@/components/ui/data-table";

interface NamedGroup {
  readonly attribute: string;
  readonly value: string;
}

/** One key per group: an attribute's value, NUL-separated as neither name can hold it. */
export const groupKey = (g: NamedGroup) => `${g.attribute}\u0000${g.value}`;

export const ratioText = (x: number | null) => (x === null ? "–" : `${x.toFixed(2)}×`);

/** The Attribute and Value columns of rows that are, or name, a group. */
export function groupNameColumns<T>(groupOf: (row: T) => NamedGroup): Column<T>[] {
  return [
    { header: "Attribute", render: (r) => groupOf(r).attribute },
    { header: "Value", render: (r) => groupOf(r).value },
  ];
}

/** How a report words what it did with a group that is not compared, or is the reference of its attribute. */
export interface GroupNoteWords {
  readonly unknown: string;
  readonly tooSmall: string;
  readonly reference: string;
}

interface JudgedGroup {
  readonly unknown: boolean;
  readonly tooSmall: boolean;
}

/** The Note column: what the report did with each group in a few words, "flagged" in bold. */
export function groupNoteColumn<T extends JudgedGroup>(words: GroupNoteWords, isFlagged: (g: T) => boolean, isReference: (g: T) => boolean): Column<T> {
  return {
    header: "Note",
    render: (g) => {
      if (g.unknown) return <span className="text-slate-500">{words.unknown}</span>;
      if (g.tooSmall) return <span className="text-slate-500">{words.tooSmall}</span>;
      if (isFlagged(g)) return <strong className="font-semibold text-amber-800">flagged</strong>;
      return isReference(g) ? <span className="text-slate-500">{words.reference}</span> : null;
    },
  };
}

/** The pairs of attributes' table, folded away below the single attributes'. */
export function PairsDetails({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium text-indigo-700">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}
