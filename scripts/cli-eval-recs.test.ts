import { describe, expect, it } from "vitest";
import { RECOMMENDERS } from "../lib/ml/recs/registry";
import { cliSandbox, expectSeconds } from "./cli-test-support";

const sandbox = cliSandbox("cli-eval-recs");
const { file } = sandbox;
const cli = (...args: string[]) => sandbox.cli("eval-recs", ...args);
const tsv = (rows: (string | number)[][]) => rows.map((r) => r.join("\t")).join("\n") + "\n";
const hasPopularity = RECOMMENDERS.popularity !== undefined;

// Train: users 1–5, user u has the first u of items 10, 20, 30, 40, 50 → popularity 5, 4, 3, 2, 1 (item 60 only in test).
const train = file("train.tsv", tsv([1, 2, 3, 4, 5].flatMap((u) => [10, 20, 30, 40, 50].slice(0, u).map((i) => [u, i, 5, 100]))));
// Test: user 1 {20, 60}, user 2 {40}, user 3 {50}; users 4 and 5 have none.
const test = file("test.tsv", tsv([[1, 20, 5, 200], [1, 60, 5, 200], [2, 40, 5, 200], [3, 50, 5, 200]]));

// Online Retail layout. Before 2011-11-01: c1 A B C D, c2 A B C, c3 A B, c4 A → popularity A 4, B 3, C 2, D 1.
// After: c1 A (a re-purchase), c2 D and A, c3 D, c5 A (a newcomer: left out). A cancellation, a guest line and
// a zero-quantity line are not purchases.
const retailLines = [
  ...[["1", "ABCD"], ["2", "ABC"], ["3", "AB"], ["4", "A"]].flatMap(([c, items]) => [...items!].map((i) => `5000${c},${i},ITEM ${i},1,2011-10-05 10:00:00,1.5,1234${c},United Kingdom`)),
  ...[["1", "A"], ["2", "D"], ["2", "A"], ["3", "D"], ["5", "A"]].map(([c, i]) => `6000${c},${i},ITEM ${i},2,2011-11-10 10:00:00,1.5,1234${c},United Kingdom`),
  "C60009,B,ITEM B,-1,2011-11-11 10:00:00,1.5,12343,United Kingdom",
  "60010,B,ITEM B,1,2011-11-11 10:00:00,1.5,,United Kingdom",
  "60011,C,ITEM C,0,2011-11-11 10:00:00,1.5,12343,United Kingdom",
];
const retail = file("retail.csv", ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country", ...retailLines].join("\n") + "\n");

describe("cli eval-recs", () => {
  it.skipIf(!hasPopularity)("scores popularity on given train and test files, by hand", () => {
    // k = 2, training items excluded. User 1 (has 10) → [20, 30]: hit at 1 of {20, 60}: P 1/2, R 1/2,
    // nDCG 1 / (1 + 1/log2 3) = 0.6131472, AP 1 / min(2, 2) = 1/2. User 2 (10, 20) → [30, 40]: hit at 2 of {40}:
    // P 1/2, R 1, nDCG 1/log2 3 = 0.6309298, AP (1/2) / 1 = 1/2. User 3 (10–30) → [40, 50]: the same as user 2.
    // Means: P 0.5, R 2.5/3, nDCG (0.6131472 + 2 × 0.6309298) / 3 = 0.6250023, MAP 0.5, hit rate 1.
    // Coverage {20, 30, 40, 50} / 5 training items = 0.8. Popularity percentiles 10 → 1, 20 → .8, 30 → .6,
    // 40 → .4, 50 → .2; slots .8 .6 | .6 .4 | .4 .2 → 3.0 / 6 = 0.5.
    const r = cli("--train", train, "--test", test, "--algorithms", "popularity", "--k", "2", "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ users: 5, items: 6, trainRows: 15, testRows: 4, split: "given", excludeSeen: true, k: 2, evaluatedUsers: 3 });
    const pop = out.algorithms[0];
    expect(pop).toMatchObject({ name: "popularity", ok: true, precision: 0.5, map: 0.5, hitRate: 1, coverage: 0.8, popularityBias: 0.5, users: 3 });
    expect(pop.recall).toBeCloseTo(2.5 / 3, 10);
    expect(pop.ndcg).toBeCloseTo(0.6250023, 6);
    expectSeconds(pop.fitSeconds);
    expectSeconds(pop.recommendSeconds);
    const text = cli("--train", train, "--test", test, "--algorithms", "popularity", "--k", "2");
    expect(text.stdout).toMatch(/algorithm\s+nDCG@2\s+P@2\s+R@2\s+MAP@2/);
    expect(text.stdout).toMatch(/popularity\s+0\.6250\s+0\.5000\s+0\.8333\s+0\.5000/);
  });

  it.skipIf(!hasPopularity)("splits Online Retail at a date, with new items only or all purchases", () => {
    // New items (seen excluded), k = 2: c1 has nothing new → dropped. c2 {D}: seen A B C → [D]: P 1/2, R 1, nDCG 1, AP 1.
    // c3 {D}: seen A B → [C, D]: hit at 2: P 1/2, R 1, nDCG 1/log2 3 = 0.6309298, AP 1/2.
    // Means: P 0.5, R 1, nDCG 0.8154649, MAP 0.75; coverage {C, D} / 4 = 0.5.
    const fresh = JSON.parse(cli("--dataset", retail, "--format", "retail", "--k", "2", "--algorithms", "popularity", "--json").stdout);
    expect(fresh).toMatchObject({ users: 5, items: 4, trainRows: 10, testRows: 5, split: "time", relevance: "new", excludeSeen: true, evaluatedUsers: 2 });
    expect(fresh.algorithms[0]).toMatchObject({ precision: 0.5, recall: 1, map: 0.75, coverage: 0.5 });
    expect(fresh.algorithms[0].ndcg).toBeCloseTo(0.8154649, 6);
    // All purchases, seen items allowed: everyone gets [A, B]. c1 {A}: hit at 1 → P 1/2, R 1, nDCG 1, AP 1.
    // c2 {A, D}: hit at 1 → P 1/2, R 1/2, nDCG 0.6131472, AP 1/2. c3 {D}: no hit.
    // Means: P 1/3, R 1/2, nDCG 1.6131472 / 3 = 0.5377157, MAP 1/2, hit rate 2/3; coverage {A, B} / 4 = 0.5.
    const all = JSON.parse(cli("--dataset", retail, "--format", "retail", "--relevance", "all", "--k", "2", "--algorithms", "popularity", "--json").stdout);
    expect(all).toMatchObject({ relevance: "all", excludeSeen: false, evaluatedUsers: 3 });
    expect(all.algorithms[0]).toMatchObject({ recall: 0.5, map: 0.5, coverage: 0.5 });
    expect(all.algorithms[0].precision).toBeCloseTo(1 / 3, 10);
    expect(all.algorithms[0].ndcg).toBeCloseTo(0.5377157, 6);
  });

  it.skipIf(!hasPopularity)("reads the same shop's later export (other headers, semicolons, decimal commas, day-first dates) as the import does, with the same result", () => {
    const later = file(
      "online_retail_II.csv",
      ["Invoice;StockCode;Description;Quantity;InvoiceDate;Price;Customer ID;Country", ...retailLines.map((l) => l.replace(/,1\.5,/, ",1,5,").split(",").join(";").replace(/;1;5;/, ";1,5;").replace(/(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}):00/, "$3/$2/$1 $4"))].join("\n") + "\n",
    );
    const run = (f: string) => JSON.parse(cli("--dataset", f, "--format", "retail", "--k", "2", "--algorithms", "popularity", "--json").stdout);
    const a = run(retail);
    const b = run(later);
    expect(b).toMatchObject({ users: 5, items: 4, trainRows: 10, testRows: 5, evaluatedUsers: 2 });
    expect(b.algorithms[0]).toEqual({ ...a.algorithms[0], fitSeconds: b.algorithms[0].fitSeconds, recommendSeconds: b.algorithms[0].recommendSeconds });
    const wrong = file("not-retail.csv", "user,item\n1,2\n");
    expect(cli("--dataset", wrong, "--format", "retail").stderr).toContain(`${wrong}: no column reads as "Order id", "Quantity", "Time" (columns: user, item)`);
  });

  it.skipIf(Object.keys(RECOMMENDERS).length === 0)("runs every registered algorithm on a MovieLens-style file, the same under a seed", () => {
    const rows = Array.from({ length: 8 }, (_, u) => Array.from({ length: 4 + (u % 3) }, (_, j) => [u + 1, ((u + j * 3) % 9) + 1, 1 + ((u + j) % 5), 880000000 + u * 100 + j]));
    const udata = file("u.data", tsv(rows.flat()));
    const run = () => JSON.parse(cli("--dataset", udata, "--format", "movielens", "--seed", "7", "--k", "3", "--json").stdout);
    const a = run();
    expect(a.algorithms.map((r: { name: string }) => r.name)).toEqual(Object.keys(RECOMMENDERS));
    expect(a.evaluatedUsers).toBe(8);
    const strip = (o: { algorithms: object[] }) => o.algorithms.map((r) => ({ ...r, fitSeconds: 0, recommendSeconds: 0 }));
    expect(strip(run())).toEqual(strip(a));
    const high = JSON.parse(cli("--dataset", udata, "--format", "movielens", "--min-rating", "4", "--algorithms", Object.keys(RECOMMENDERS)[0]!, "--json").stdout);
    expect(high.trainRows + high.testRows).toBe(rows.flat().filter((r) => r[2]! >= 4).length);
  });

  it("says what is wrong in one line: unknown algorithm or missing file exit 1, a bad flag 2", () => {
    const unknown = cli("--train", train, "--test", test, "--algorithms", "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('eval-recs: unknown algorithm "nope"');
    const missing = cli("--train", "/no/such/train.tsv", "--test", test);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split("\n")[0]).toBe("eval-recs: no such file: /no/such/train.tsv");
    const k = cli("--train", train, "--test", test, "--k", "0");
    expect(k.code).toBe(2);
    expect(k.stderr).toContain('--k must be a whole number >= 1, got "0"');
    expect(cli("--dataset", train).stderr).toContain('--format must be movielens or retail, got ""');
    expect(cli("--dataset", train, "--format", "movielens", "--split", "time").stderr).toContain("--split time needs --test-from YYYY-MM-DD");
    expect(cli("--train", train).stderr).toContain("--train and --test go together");
    expect(cli("--train", train, "--test", test, "--bogus").code).toBe(2);
  });
});
