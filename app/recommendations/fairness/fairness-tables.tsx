import { groupKey, groupNameColumns, groupNoteColumn, PairsDetails, ratioText } from "@/components/fairness/group-table-parts";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/page-header";
import type { ExposureDifference, GroupExposure, GroupNdcg, RecommenderFairnessReport } from "@/lib/ml/fairness";
import type { NdcgFlag } from "@/lib/services/recs/fairness";
import type { SearchParams } from "@/lib/url-state";
import { fmt } from "../../formatting";

const PATH = "/recommendations/fairness";
/** Exposure cells this far (as a share) from all recommendations' share are marked. */
const MARKED = 0.05;

const score = (x: number | null) => (x === null ? "–" : x.toFixed(3));
const interval = (g: GroupNdcg) => (g.low === null || g.high === null ? "–" : `${g.low.toFixed(3)}–${g.high.toFixed(3)}`);
const signedPoints = (d: number) => `${d >= 0 ? "+" : "−"}${Math.abs(d * 100).toFixed(1)} pts`;

const NOTE_WORDS = { unknown: "unknown value: not compared", tooSmall: "too few customers: not compared", reference: "best served (reference)" };

function ndcgColumns(k: number, flagged: ReadonlySet<string>): Column<GroupNdcg>[] {
  return [
    ...groupNameColumns((g: GroupNdcg) => g),
    { header: "Customers", align: "right", render: (g) => fmt.integer(g.users) },
    { header: `nDCG@${k}`, align: "right", render: (g) => score(g.mean) },
    { header: "95% interval", align: "right", render: interval },
    { header: "Ratio to best", align: "right", render: (g) => ratioText(g.ratioToBest) },
    groupNoteColumn(NOTE_WORDS, (g) => flagged.has(groupKey(g)), (g) => g.isBest),
  ];
}

/** nDCG of every group: single attributes in the table, their sized pairs folded away below it. */
export function NdcgTable({ report, flags, intersections, k, params }: { report: RecommenderFairnessReport; flags: readonly NdcgFlag[]; intersections: readonly string[]; k: number; params: SearchParams }) {
  const columns = ndcgColumns(k, new Set(flags.map((f) => groupKey(f.group))));
  const pairs = report.ndcg.filter((g) => intersections.includes(g.attribute));
  return (
    <Section
      title="nDCG by group"
      description={`How well the lists rank what each group's customers went on to buy (mean nDCG@${k}, 1 = every held-out purchase at the top), beside the best-served group of the same attribute. Groups under ${fmt.integer(report.minGroupSize)} customers and unknown values are listed but not compared.`}
    >
      <DataTable path={PATH} params={params} caption="nDCG by group" testId="recs-fairness-ndcg" rows={report.ndcg.filter((g) => !intersections.includes(g.attribute))} rowKey={groupKey} columns={columns} />
      {pairs.length > 0 ? (
        <PairsDetails summary={`Pairs of attributes (${fmt.integer(pairs.length)} groups of ${fmt.integer(report.minGroupSize)} customers or more)`}>
          <DataTable path={PATH} params={params} caption="nDCG by pair of attributes" testId="recs-fairness-intersections" rows={pairs} rowKey={groupKey} columns={columns} />
        </PairsDetails>
      ) : (
        <p className="mt-3 text-sm text-slate-600">No pair of attributes has a group of {fmt.integer(report.minGroupSize)} customers or more.</p>
      )}
    </Section>
  );
}

export function FlagsTable({ flags, k, ratio, params }: { flags: readonly NdcgFlag[]; k: number; ratio: number; params: SearchParams }) {
  return (
    <Section title="Flags" description={`Groups whose nDCG@${k} is under ${ratio}× their attribute's best-served group's, with 95% intervals that do not overlap.`}>
      {flags.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="recs-fairness-flags">No group of the minimum size or more is flagged.</p>
      ) : (
        <DataTable
          path={PATH}
          params={params}
          caption="Flagged groups"
          testId="recs-fairness-flags"
          rows={flags}
          rowKey={(f) => groupKey(f.group)}
          columns={[
            ...groupNameColumns((f: NdcgFlag) => f.group),
            { header: "Customers", align: "right", render: (f) => fmt.integer(f.group.users) },
            { header: `nDCG@${k}`, align: "right", render: (f) => `${score(f.group.mean)} (${interval(f.group)})` },
            { header: "Best group", render: (f) => `${f.best.value}: ${score(f.best.mean)} (${interval(f.best)})` },
            { header: "Ratio", align: "right", render: (f) => ratioText(f.group.ratioToBest) },
          ]}
        />
      )}
    </Section>
  );
}

interface ExposureRow {
  readonly key: string;
  readonly label: string;
  readonly customers: number | null;
  readonly slots: number | null;
  readonly note: string;
  readonly cells: ReadonlyMap<string, { share: number; difference: number | null }>;
}

/** One attribute's groups as rows, categories as columns: the catalogue's and all lists' shares first. */
function exposureRows(groups: readonly GroupExposure[]): { rows: ExposureRow[]; categories: string[] } {
  const reference = groups.find((g) => g.categories.length > 0)?.categories ?? [];
  const rows: ExposureRow[] = [
    { key: "catalogue", label: "Catalogue", customers: null, slots: null, note: "", cells: new Map(reference.map((c) => [c.category, { share: c.catalogueShare, difference: null }])) },
    { key: "all", label: "All recommendations", customers: null, slots: null, note: "", cells: new Map(reference.map((c) => [c.category, { share: c.overallShare, difference: null }])) },
    ...groups.map((g) => ({
      key: `group:${g.value}`,
      label: g.value,
      customers: g.users,
      slots: g.slots,
      note: g.unknown ? "unknown value" : g.tooSmall ? "too few customers" : "",
      cells: new Map(g.categories.map((c) => [c.category, { share: c.share, difference: g.unknown || g.tooSmall ? null : c.difference }])),
    })),
  ];
  return { rows, categories: reference.map((c) => c.category) };
}

function ExposureMatrix({ attribute, groups, params }: { attribute: string; groups: readonly GroupExposure[]; params: SearchParams }) {
  const { rows, categories } = exposureRows(groups);
  const columns: Column<ExposureRow>[] = [
    { header: attribute, render: (r) => (r.customers === null ? <em className="not-italic text-slate-500">{r.label}</em> : <>{r.label}{r.note ? <span className="block text-xs text-slate-500">{r.note}</span> : null}</>) },
    { header: "Customers", align: "right", render: (r) => (r.customers === null ? "" : fmt.integer(r.customers)) },
    { header: "Slots", align: "right", render: (r) => (r.slots === null ? "" : fmt.integer(r.slots)) },
    ...categories.map(
      (category): Column<ExposureRow> => ({
        header: category,
        align: "right",
        render: (r) => {
          const cell = r.cells.get(category);
          if (!cell) return "–";
          const marked = cell.difference !== null && Math.abs(cell.difference) >= MARKED;
          return marked ? (
            <strong className="font-semibold text-amber-800" title={`${signedPoints(cell.difference!)} against all recommendations`}>{fmt.percent(cell.share)}<span className="sr-only"> ({signedPoints(cell.difference!)} against all recommendations)</span></strong>
          ) : (
            fmt.percent(cell.share)
          );
        },
      }),
    ),
  ];
  return <DataTable path={PATH} params={params} caption={`Share of recommended slots per category by ${attribute}`} testId="recs-fairness-exposure" rows={rows} rowKey={(r) => r.key} columns={columns} />;
}

/** Category exposure per single attribute, and the largest difference of every attribute and pair. */
export function ExposureTables({ report, intersections, params }: { report: RecommenderFairnessReport; intersections: readonly string[]; params: SearchParams }) {
  const attributes = [...new Set(report.exposure.map((g) => g.attribute))].filter((a) => !intersections.includes(a));
  return (
    <Section
      title="Category exposure by group"
      description={`Of the slots in each group's lists, the share in each category, beside the catalogue's share and all recommendations'. Shares ${Math.round(MARKED * 100)} points or more from all recommendations' are in bold.`}
    >
      <div className="space-y-6">
        {attributes.map((a) => (
          <ExposureMatrix key={a} attribute={a} groups={report.exposure.filter((g) => g.attribute === a)} params={params} />
        ))}
      </div>
      {report.largestExposureDifferences.length > 0 ? (
        <div className="mt-6">
          <h3 className="mb-2 text-sm font-semibold">Largest difference per attribute and pair</h3>
          <DataTable
            path={PATH}
            params={params}
            caption="Largest exposure difference per attribute"
            testId="recs-fairness-exposure-differences"
            rows={report.largestExposureDifferences}
            rowKey={(d: ExposureDifference) => d.attribute}
            columns={[
              { header: "Attribute", render: (d) => d.attribute },
              { header: "Group", render: (d) => d.value },
              { header: "Category", render: (d) => d.category },
              { header: "Group's share", align: "right", render: (d) => fmt.percent(d.share) },
              { header: "All recommendations", align: "right", render: (d) => fmt.percent(d.overallShare) },
              { header: "Difference", align: "right", render: (d) => signedPoints(d.difference) },
            ]}
          />
        </div>
      ) : null}
    </Section>
  );
}
