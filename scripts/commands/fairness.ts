import { parseArgs } from "node:util";
import { readScoredFile } from "../../lib/csv/scored-file";
import { userErrorFromMl } from "../../lib/errors";
import { fairnessReport } from "../../lib/ml/fairness";
import { type Command, listFlag, parseDelimiter, parseIntegerFlag, readText, UsageError } from "../cli-support";

export const fairnessCommand: Command = {
  name: "fairness",
  summary: "compare selection, true and false positive rates and calibration of any scored file across groups",
  usage: "fairness --file F --score COL [--label COL [--positive VALUE]] --group COL[,COL…] (--top-share 0.2 | --threshold T) [--min-group-size 30] [--no-intersections] [--delimiter comma|semicolon|tab] [--json]",
  async run(args) {
    try {
      return await report(args);
    } catch (e) {
      throw userErrorFromMl(e);
    }
  },
};

function parseFraction(flag: string, value: string): number {
  const x = Number(value);
  if (!(x >= 0 && x <= 1)) throw new UsageError(`--${flag} must be a number between 0 and 1, got "${value}"`);
  return x;
}

async function report(args: string[]): Promise<{ json: object; text: string }> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      file: { type: "string" },
      score: { type: "string" },
      label: { type: "string" },
      positive: { type: "string" },
      group: { type: "string" },
      "top-share": { type: "string" },
      threshold: { type: "string" },
      "min-group-size": { type: "string" },
      "no-intersections": { type: "boolean", default: false },
      delimiter: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.file) throw new UsageError("--file is required");
  if (!values.score) throw new UsageError("--score is required");
  if (!values.group) throw new UsageError("--group is required");
  if ((values["top-share"] === undefined) === (values.threshold === undefined)) throw new UsageError("give either --top-share or --threshold");
  const delimiter = parseDelimiter(values.delimiter);
  const cut = values.threshold !== undefined ? { threshold: parseFraction("threshold", values.threshold) } : { topShare: parseFraction("top-share", values["top-share"]!) };
  const file = readScoredFile(readText(values.file), { score: values.score, label: values.label, positive: values.positive, groups: listFlag(values.group), delimiter });
  const r = fairnessReport({
    scores: file.scores,
    labels: file.labels,
    groups: file.groups,
    cut,
    minGroupSize: parseIntegerFlag("min-group-size", values["min-group-size"], 30, 1),
    intersections: !values["no-intersections"],
  });
  const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `${file.scores.length} rows; cut: ${r.cut.kind === "topShare" ? `top ${pct(r.cut.topShare)}` : `score ≥ ${r.cut.threshold}`} selects ${r.cut.selected}.`,
    ...r.summary,
    "",
    "group | rows | selected | ratio to highest | TPR | FPR | mean score | outcome rate",
    ...r.groups.map((g) => `${g.attribute} = ${g.value}${g.tooSmall ? " (too small)" : ""} | ${g.count} | ${pct(g.selectionRate)} | ${g.ratioToHighest === null ? "—" : g.ratioToHighest.toFixed(2)} | ${pct(g.truePositiveRate)} | ${pct(g.falsePositiveRate)} | ${g.meanScore.toFixed(3)} | ${pct(g.positiveRate)}`),
  ];
  return { json: r, text: lines.join("\n") };
}
