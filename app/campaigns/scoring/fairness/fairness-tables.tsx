import { groupKey, groupNameColumns, groupNoteColumn, PairsDetails, ratioText } from "@/components/fairness/group-table-parts";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Section } from "@/components/ui/page-header";
import type { AttributeGaps, DisparateImpactFlag, FairnessReport, GroupMetrics, RateGap } from "@/lib/ml/fairness";
import type { SearchParams } from "@/lib/url-state";
import { fmt } from "../../../formatting";

const PATH = "/campaigns/scoring/fairness";

const pct = (x: number | null) => (x === null ? "–" : fmt.percent(x));
const p = (x: number | null) => (x === null ? "–" : x < 0.001 ? "< 0.001" : x.toFixed(3));

const NOTE_WORDS = { unknown: "unknown value: not tested", tooSmall: "too few rows: not tested", reference: "highest rate (reference)" };

function groupColumns(flagged: ReadonlySet<string>): Column<GroupMetrics>[] {
  return [
    ...groupNameColumns((g: GroupMetrics) => g),
    { header: "Rows", align: "right", render: (g) => fmt.integer(g.count) },
    { header: "Selection rate", align: "right", render: (g) => pct(g.selectionRate) },
    { header: "Ratio to highest", align: "right", render: (g) => ratioText(g.ratioToHighest) },
    { header: "True-positive rate", align: "right", render: (g) => pct(g.truePositiveRate) },
    { header: "False-positive rate", align: "right", render: (g) => pct(g.falsePositiveRate) },
    { header: "Mean score", align: "right", render: (g) => pct(g.meanScore) },
    { header: "Observed rate", align: "right", render: (g) => pct(g.positiveRate) },
    { header: "p (Holm)", align: "right", render: (g) => p(g.adjustedPValue) },
    groupNoteColumn(NOTE_WORDS, (g) => flagged.has(groupKey(g)), (g) => g.isHighest),
  ];
}

/** Every group's rates: single attributes in the table, their pairs folded away below it. */
export function GroupsTable({ report, params }: { report: FairnessReport; params: SearchParams }) {
  const flagged = new Set(report.flags.map(groupKey));
  const columns = groupColumns(flagged);
  const single = report.groups.filter((g) => !g.intersection);
  const pairs = report.groups.filter((g) => g.intersection);
  return (
    <Section
      title="Groups"
      description={`The share of each group the cut selects, beside the highest group's of the same attribute. Groups under ${fmt.integer(report.minGroupSize)} rows and unknown values are listed but not tested. True- and false-positive rates are the shares selected among those who did and did not respond.`}
    >
      <DataTable path={PATH} params={params} caption="Selection and error rates by group" testId="fairness-groups" rows={single} rowKey={groupKey} columns={columns} />
      {pairs.length > 0 ? (
        <PairsDetails summary={`Pairs of attributes (${fmt.integer(pairs.length)} groups)`}>
          <DataTable path={PATH} params={params} caption="Selection and error rates by pair of attributes" testId="fairness-intersections" rows={pairs} rowKey={groupKey} columns={columns} />
        </PairsDetails>
      ) : null}
    </Section>
  );
}

export function FlagsTable({ report, params }: { report: FairnessReport; params: SearchParams }) {
  return (
    <Section title="Flags" description={`Groups selected at under ${report.ratioThreshold}× the rate of their attribute's highest group, with a difference the tests support at ${report.alpha} after Holm correction.`}>
      <DataTable
        path={PATH}
        params={params}
        caption="Flagged groups"
        testId="fairness-flags"
        rows={report.flags}
        rowKey={groupKey}
        columns={[
          ...groupNameColumns((f: DisparateImpactFlag) => f),
          { header: "Rows", align: "right", render: (f) => fmt.integer(f.count) },
          { header: "Selection rate", align: "right", render: (f) => pct(f.selectionRate) },
          { header: "Highest group", render: (f) => `${f.highestValue} (${pct(f.highestSelectionRate)})` },
          { header: "Ratio", align: "right", render: (f) => ratioText(f.ratioToHighest) },
          { header: "p (Holm)", align: "right", render: (f) => `${p(f.adjustedPValue)} (${f.test === "fisher" ? "Fisher's exact" : "z-test"})` },
        ]}
      />
    </Section>
  );
}

function gapText(g: RateGap | null): string {
  if (g === null) return "–";
  const points = Math.round(g.gap * 100);
  return `${points} point${points === 1 ? "" : "s"}: ${g.lowest.value} ${pct(g.lowest.rate)} to ${g.highest.value} ${pct(g.highest.rate)}`;
}

export function GapsTable({ gaps, params }: { gaps: readonly AttributeGaps[]; params: SearchParams }) {
  return (
    <Section title="Error-rate gaps" description="The spread of the true-positive rate (equal opportunity) and of the false-positive rate across each attribute's tested groups, lowest and highest named.">
      <DataTable
        path={PATH}
        params={params}
        caption="Error-rate gaps by attribute"
        testId="fairness-gaps"
        rows={gaps.filter((g) => !g.intersection)}
        rowKey={(g) => g.attribute}
        columns={[
          { header: "Attribute", render: (g) => g.attribute },
          { header: "True-positive rate gap", render: (g) => gapText(g.equalOpportunity) },
          { header: "False-positive rate gap", render: (g) => gapText(g.falsePositive) },
        ]}
      />
    </Section>
  );
}

const listed = (items: readonly string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

export function ProxyAlerts({ report, direct }: { report: FairnessReport; direct: readonly string[] }) {
  return (
    <Section
      title="Proxy alerts"
      description={`Each of the model's ${fmt.integer(report.featuresChecked)} own customer features (of age, income, education, country and imported attributes) against each group attribute but the one it is built from; an alert from a bias-corrected Cramér's V of ${report.proxyThreshold}.`}
    >
      {direct.length > 0 ? (
        <p className="mb-3 text-sm text-slate-700">
          The model takes {listed(direct.map((d) => (d === "age band" ? "age" : d)))} as {direct.length === 1 ? "an input" : "inputs"} itself, so it can score by {direct.length === 1 ? "it" : "them"} directly, not only through a proxy.
        </p>
      ) : null}
      {report.proxies.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="fairness-proxies">No feature reaches the threshold.</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="fairness-proxies">
          {report.proxies.map((a) => (
            <li key={`${a.feature}\u0000${a.attribute}`}>{a.note}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
