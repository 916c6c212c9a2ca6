// `cli jobs` as people call it: start a job and wait for it, queue one for later, list, show, cancel,
// run the queue here, an import as a job, and mistakes with the fix (exit 2) or the reason (exit 1).
import { describe, expect, it } from "vitest";
import { parseParams } from "./commands/jobs";
import { cliSandbox } from "./cli-test-support";

const { cli, file } = cliSandbox("cli-jobs");

describe("cli jobs", () => {
  const orders = file("orders.csv", ["customer_id,product_id,event,timestamp,revenue", "A,p1,purchase,2026-03-01T10:00:00Z,10", "B,p1,purchase,2026-03-02T10:00:00Z,40", "C,p2,purchase,2026-03-03T10:00:00Z,90", "D,p2,purchase,2026-03-04T10:00:00Z,160"].join("\n"));

  it("imports a file as a job and waits for it", () => {
    const r = cli("jobs", "start", "import", "--param", "kind=events", "--param", `file=${orders}`, "--wait", "--json");
    expect(r.code).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job).toMatchObject({ id: 1, kind: "import", status: "completed", progress: 1, import: { kind: "events", fileName: "orders.csv", rowsRead: 4, inserted: 4, rejected: 0 } });
  });

  it("clusters with the given parameters and waits; queues a second one, lists it, cancels it", () => {
    const params = ["--param", "k=2", "--param", "features=monetary", "--param", "transform=none", "--param", "seed=1"];
    const done = cli("jobs", "start", "customer-clusters", ...params, "--wait", "--json");
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ id: 2, kind: "customer-clusters", label: "Finding clusters", status: "completed" });
    const queued = JSON.parse(cli("jobs", "start", "customer-clusters", ...params, "--json").stdout);
    expect(queued).toMatchObject({ id: 3, status: "queued", progressNote: "Waiting to start…" });
    const list = JSON.parse(cli("jobs", "list", "--json").stdout);
    expect(list.jobs.map((j: { id: number; status: string }) => [j.id, j.status])).toEqual([[3, "queued"], [2, "completed"], [1, "completed"]]);
    const cancel = cli("jobs", "cancel", "3");
    expect(cancel.stdout.trim()).toBe("Job 3: cancelled before it started.");
    expect(JSON.parse(cli("jobs", "show", "3", "--json").stdout)).toMatchObject({ status: "cancelled", message: "Cancelled before it started." });
    expect(JSON.parse(cli("jobs", "run", "--json").stdout)).toEqual({ ran: 0 });
  });

  it("runs what was queued earlier with `jobs run`", () => {
    cli("jobs", "start", "customer-clusters", "--param", "k=2", "--param", "features=monetary", "--param", "transform=none", "--param", "seed=2");
    expect(JSON.parse(cli("jobs", "run", "--json").stdout)).toEqual({ ran: 1 });
    expect(JSON.parse(cli("jobs", "show", "4", "--json").stdout)).toMatchObject({ status: "completed" });
  });

  it("says what is wrong: exit 2 for the command line, 1 for a job that failed or is missing", () => {
    const bad = cli("jobs", "start", "customer-clusters", "--param", "k=99");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("jobs: the parameters of customer-clusters are not valid: k:");
    const unknown = cli("jobs", "start", "magic");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('jobs: unknown job kind "magic"; use one of import, customer-clusters, recommenders, recs-evaluation');
    const failed = cli("jobs", "start", "customer-clusters", "--param", "k=5", "--param", "features=monetary", "--param", "transform=none", "--param", "seed=1", "--wait");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("jobs: job 5 failed: k = 5 is more than the 4 rows to cluster");
    const missing = cli("jobs", "cancel", "999");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("jobs: There is no job 999.");
  });
});

describe("--param name=value", () => {
  it("reads JSON values as JSON, comma lists as lists, dotted names as nested fields, anything else as text", () => {
    expect(parseParams(["k=4", "tune=false", "features=recencyDays,frequency", "name=auto", "interactions.halfLifeDays=30", 'algorithms=["ease"]'])).toEqual({
      k: 4,
      tune: false,
      features: ["recencyDays", "frequency"],
      name: "auto",
      interactions: { halfLifeDays: 30 },
      algorithms: ["ease"],
    });
  });
});
