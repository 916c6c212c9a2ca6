import { describe, expect, it } from "vitest";
import { createRng } from "../lib/ml/random";
import { cliSandbox, expectSeconds } from "./cli-test-support";

const sandbox = cliSandbox("cli-eval-scoring");
const { file } = sandbox;

/** 600 seeded rows: the outcome follows x and the channel strongly, `noise` not at all. */
function responses(header: boolean): string {
  const rng = createRng(3);
  const lines = header ? ["x,channel,noise,converted"] : [];
  for (let i = 0; i < 600; i++) {
    const x = Math.round(rng.next() * 1000) / 100;
    const channel = ["email", "social", "search"][i % 3]!;
    const logit = -2 + 0.5 * x + (channel === "search" ? 1 : channel === "social" ? -1 : 0);
    const y = rng.next() < 1 / (1 + Math.exp(-logit)) ? "yes" : "no";
    lines.push(`${x},${channel},${Math.round(rng.next() * 100)},${y}`);
  }
  return lines.join("\n") + "\n";
}

describe("cli eval-scoring", () => {
  const data = file("responses.csv", responses(true));

  it("trains every model, prints the documented JSON and finds the signal", () => {
    const r = sandbox.cli("eval-scoring", "--file", data, "--target", "converted", "--json");
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toEqual({ train: 480, test: 120 });
    expect(out.positive).toBe("yes");
    expect(out.columns).toEqual([{ name: "x", kind: "numeric" }, { name: "channel", kind: "categorical" }, { name: "noise", kind: "numeric" }]);
    expect(Object.keys(out.models)).toEqual(["logistic", "forest", "gbt"]);
    for (const m of Object.values(out.models) as { auc: number; logLoss: number; brier: number; fitSeconds: number }[]) {
      expect(m.auc).toBeGreaterThan(0.8);
      expect(m.logLoss).toBeLessThan(out.baseline.logLoss);
      expect(m.brier).toBeLessThan(out.baseline.brier);
      expectSeconds(m.fitSeconds);
    }
    // 120 test rows: the interval is wide and the warning says so.
    expect(out.models.logistic.warning).toMatch(/^Only \d+ rows with converted = yes and \d+ other rows: the AUC could be anywhere from 0\.\d+ to 0\.\d+\.$/);
  });

  it("splits by time, picks models, reads files without a header by position and a separate test file", () => {
    const timed = JSON.parse(sandbox.cli("eval-scoring", "--file", data, "--target", "converted", "--split", "time", "--test-size", "0.25", "--models", "logistic", "--json").stdout);
    expect(timed.rows).toEqual({ train: 450, test: 150 });
    expect(Object.keys(timed.models)).toEqual(["logistic"]);
    const lines = responses(false).trimEnd().split("\n");
    const train = file("train.csv", lines.slice(0, 500).join("\n"));
    const test = file("test.csv", lines.slice(500).join("\n"));
    const out = JSON.parse(sandbox.cli("eval-scoring", "--train", train, "--test", test, "--no-header", "--target", "4", "--positive", "yes", "--drop", "3", "--models", "gbt,logistic", "--json").stdout);
    expect(out.rows).toEqual({ train: 500, test: 100 });
    expect(out.columns.map((c: { name: string }) => c.name)).toEqual(["column 1", "column 2"]);
    expect(Object.keys(out.models)).toEqual(["gbt", "logistic"]);
  });

  it("says what is wrong with the flags and the file", () => {
    const run = (...args: string[]) => sandbox.cli("eval-scoring", ...args);
    expect(run("--file", data).stderr).toContain("--target is required");
    expect(run("--file", data, "--target", "clicked").stderr).toContain('--target: no column "clicked" (columns: x, channel, noise, converted)');
    expect(run("--file", data, "--target", "channel").stderr).toContain('the target "channel" has values email, social, search: name the positive one with --positive');
    expect(run("--file", data, "--target", "converted", "--models", "svm").stderr).toContain('--models: unknown model "svm" (models: logistic, forest, gbt)');
    expect(run("--train", data, "--target", "converted").stderr).toContain("--train and --test go together");
    expect(run("--file", data, "--target", "converted", "--test-size", "2").stderr).toContain('--test-size must be a number between 0 and 1, got "2"');
    const tiny = file("tiny.csv", "x,y\n1,yes\n2,no\n3,yes\n4,no\n5,no\n");
    expect(run("--file", tiny, "--target", "y").stderr).toContain("only 4 training rows: scoring needs at least 100");
  });
});

describe("cli fairness", () => {
  // 10 women, 10 men; the top 5 by score are 4 men and 1 woman.
  const rows = [
    ...[0.9, 0.85, 0.8, 0.75, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05].map((s, i) => `${s},${i < 6 ? 1 : 0},man`),
    ...[0.7, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.01].map((s, i) => `${s},${i < 3 ? 1 : 0},woman`),
  ];
  const scored = file("scored.csv", ["score,clicked,gender", ...rows].join("\n") + "\n");

  it("reports selection rates, their ratio and the outcome rates by group", () => {
    const r = sandbox.cli("fairness", "--file", scored, "--score", "score", "--label", "clicked", "--group", "gender", "--top-share", "0.25", "--min-group-size", "5", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const by = Object.fromEntries(out.groups.map((g: { value: string }) => [g.value, g]));
    expect(by.man).toMatchObject({ count: 10, selectionRate: 0.4, ratioToHighest: 1, truePositiveRate: 4 / 6, falsePositiveRate: 0, positiveRate: 0.6 });
    expect(by.woman).toMatchObject({ count: 10, selectionRate: 0.1, ratioToHighest: 0.25, truePositiveRate: 1 / 3, falsePositiveRate: 0, positiveRate: 0.3 });
    // 4/10 against 1/10 is not significant on 20 rows (Fisher's exact p = 0.303): a low ratio, not a flag.
    expect(out.flags).toEqual([]);
    expect(out.summary.join(" ")).toMatch(/not significant|No group/);
  });

  it("says what is wrong", () => {
    const run = (...args: string[]) => sandbox.cli("fairness", "--file", scored, ...args);
    expect(run("--score", "score", "--group", "gender").stderr).toContain("give either --top-share or --threshold");
    expect(run("--score", "gender", "--group", "gender", "--threshold", "0.5").stderr).toContain('line 2, column "gender": "man" is not a score between 0 and 1');
    expect(run("--score", "score", "--group", "age", "--threshold", "0.5").stderr).toContain('--group: no column "age" (columns: score, clicked, gender)');
  });
});
