// The one job runner on a throw-away database, with clustering of four customers as the job: claims are
// atomic (one at a time on SQLite, one per runner on PostgreSQL), queued work survives a restart (another
// process runs it), dead processes are found, cancel works queued and running, a child process runs a job,
// and failures say why.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { getDb } from "../../db/client";
import { insertEvents } from "../../db/events";
import { claimOldestQueuedJob, completeJobRow, endJobRow, getJobRow, insertJob, requestJobCancel } from "../../db/jobs";
import { getProductIdsByExternalId, insertProducts } from "../../db/products";
import { configuredProvider } from "../../env";
import { UserError } from "../../errors";
import { prepareDatabase } from "../prepare-database";
import { CLUSTER_RUN_KIND } from "../segments/clusters";
import { CLUSTERS_JOB } from "./job-kinds";
import { cancelJob, describeFailure, enqueueJob, failDeadJobs, runClaimedJob, runQueuedJobs, SILENT_MS, thisRunner } from "./runner";

const CLUSTER = { k: 2, features: ["monetary"], transform: "none", seed: 3 } as const;
const queue = () => enqueueJob(CLUSTERS_JOB, { ...CLUSTER, features: [...CLUSTER.features] });
const other = { host: "another-machine", pid: 1 };

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers(["A", "B", "C", "D"].map((externalId) => ({ externalId })));
  await insertProducts([{ externalId: "p1", name: "Spade" }]);
  const c = await getCustomerIdsByExternalId();
  const p = (await getProductIdsByExternalId()).get("p1")!;
  await insertEvents(["A", "B", "C", "D"].map((who, i) => ({ customerId: c.get(who)!, productId: p, type: "purchase", revenue: 10 * (i + 1) ** 2, occurredAt: new Date(`2026-03-0${i + 1}T12:00:00Z`) })));
});

/** Ends whatever a test left queued or running, so the next starts from an idle queue. */
async function idle() {
  await getDb().job.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", finishedAt: new Date() } });
}

describe("claiming", () => {
  it.skipIf(configuredProvider() !== "sqlite")("SQLite: hands the oldest queued job to exactly one of two runners asking at once, and nothing while it runs", async () => {
    await idle();
    const [a, b] = [await queue(), await queue()];
    const claims = await Promise.all([claimOldestQueuedJob(thisRunner()), claimOldestQueuedJob(other)]);
    expect(claims.filter((c) => c !== null)).toEqual([{ id: a, kind: CLUSTER_RUN_KIND }]);
    expect(await claimOldestQueuedJob(thisRunner())).toBeNull();
    expect(await getJobRow(b)).toMatchObject({ status: "queued" });
    await completeJobRow(a, null);
    expect(await claimOldestQueuedJob(thisRunner())).toEqual({ id: b, kind: CLUSTER_RUN_KIND });
    await idle();
  });

  it.skipIf(configuredProvider() !== "postgresql")("PostgreSQL: hands runners asking at once a different job each, oldest first, and each job to one of them", async () => {
    await idle();
    const [a, b, c] = [await queue(), await queue(), await queue()];
    const claims = await Promise.all([claimOldestQueuedJob(thisRunner()), claimOldestQueuedJob(other), claimOldestQueuedJob({ host: "third", pid: 2 }), claimOldestQueuedJob({ host: "fourth", pid: 3 })]);
    expect(claims.filter((x) => x !== null).map((x) => x!.id).sort((x, y) => x - y)).toEqual([a, b, c]);
    expect(claims.filter((x) => x === null)).toHaveLength(1);
    expect(new Set((await Promise.all([a, b, c].map(getJobRow))).map((j) => `${j!.status} ${j!.runnerHost}`)).size).toBe(3);
    await idle();
  });

  it("refuses parameters the kind does not accept before queuing anything", async () => {
    const before = await getDb().job.count();
    await expect(enqueueJob(CLUSTERS_JOB, null as never)).rejects.toThrow();
    expect(await getDb().job.count()).toBe(before);
  });
});

describe("a restart during queued work", () => {
  it("loses nothing: the queue is in the database, and another process runs it", async () => {
    await idle();
    const ids = [await queue(), await queue()];
    // This process never runs them: a fresh process (as after a restart) does.
    const child = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", "jobs", "run", "--json"], { env: process.env, encoding: "utf8" });
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ ran: 2 });
    for (const id of ids) expect(await getJobRow(id)).toMatchObject({ status: "completed", progress: 1 });
    expect((await getJobRow(ids[0]!))!.runnerPid).not.toBe(process.pid);
  });
});

describe("jobs whose process died", () => {
  it("fails a job whose process on this machine is gone, and leaves a live one alone", async () => {
    await idle();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const dead = await queue();
    await claimOldestQueuedJob({ host: thisRunner().host, pid: gone });
    expect(await failDeadJobs()).toBe(1);
    expect(await getJobRow(dead)).toMatchObject({ status: "failed", message: "It stopped: the process running it ended. Start it again." });
    const live = await queue();
    // Another process that is alive (this one's parent): its job is left alone.
    await claimOldestQueuedJob({ host: thisRunner().host, pid: process.ppid });
    expect(await failDeadJobs()).toBe(0);
    expect((await getJobRow(live))!.status).toBe("running");
    await idle();
    // This very process, not running it (a restarted server that got its old pid back): dead.
    const mine = await queue();
    await claimOldestQueuedJob(thisRunner());
    expect(await failDeadJobs()).toBe(1);
    expect((await getJobRow(mine))!.status).toBe("failed");
    await idle();
  });

  it("takes a job as dead once it has been silent for SILENT_MS, on another machine or with a live (reused) pid here", async () => {
    await idle();
    const id = await queue();
    await claimOldestQueuedJob(other);
    expect(await failDeadJobs(Date.now() + SILENT_MS - 5_000)).toBe(0);
    expect(await failDeadJobs(Date.now() + SILENT_MS + 5_000)).toBe(1);
    expect(await getJobRow(id)).toMatchObject({ status: "failed", message: "It stopped: the process running it stopped answering. Start it again." });
    const here = await queue();
    await claimOldestQueuedJob(thisRunner());
    expect(await failDeadJobs(Date.now() + SILENT_MS + 5_000)).toBe(1);
    expect((await getJobRow(here))!.status).toBe("failed");
  });
});

describe("cancelling", () => {
  it("cancels a queued job at once, so it never runs", async () => {
    await idle();
    const id = await queue();
    expect(await cancelJob(id)).toBe("cancelled");
    expect(await runQueuedJobs("inline")).toBe(0);
    expect(await getJobRow(id)).toMatchObject({ status: "cancelled", message: "Cancelled before it started." });
    expect(await cancelJob(id)).toBe("finished");
    expect(await cancelJob(999_999)).toBe("missing");
  });

  it("tells a job running in another process on this machine by signal, writing nothing it would wait on", async () => {
    await idle();
    const { spawn } = await import("node:child_process");
    const other = spawn(process.execPath, ["-e", "process.on('SIGUSR2', () => { console.log('cancel asked'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    other.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    while (!out.includes("ready")) await new Promise((r) => setTimeout(r, 20));
    const id = await queue();
    await claimOldestQueuedJob({ host: thisRunner().host, pid: other.pid! });
    expect(await cancelJob(id)).toBe("requested");
    await new Promise((r) => other.on("exit", r));
    expect(out).toContain("cancel asked");
    // The flag is not written: the process told records the cancel itself when it stops.
    expect((await getJobRow(id))!.cancelRequested).toBe(false);
    await idle();
  });

  it("stops a running job at its next progress report, and stores no result", async () => {
    await idle();
    const id = await queue();
    await claimOldestQueuedJob(thisRunner());
    expect(await requestJobCancel(id)).toBe("requested");
    await runClaimedJob(id);
    expect(await getJobRow(id)).toMatchObject({ status: "cancelled", message: "Cancelled while it ran; nothing was stored." });
    expect((await getDb().job.findUnique({ where: { id }, select: { result: true } }))!.result).toBeNull();
  });
});

describe("where a job runs", () => {
  it("runs a job in a child process in process mode, which records its own pid and result", async () => {
    await idle();
    const id = await queue();
    expect(await runQueuedJobs("process")).toBe(1);
    const job = (await getJobRow(id))!;
    expect(job).toMatchObject({ status: "completed", progress: 1 });
    expect(job.runnerPid).not.toBe(process.pid);
  });
});

describe("failures", () => {
  it("fails a job of a kind this version does not know, with the reason", async () => {
    await idle();
    const id = await insertJob("nonsense", {});
    await claimOldestQueuedJob(thisRunner());
    await runClaimedJob(id);
    expect(await getJobRow(id)).toMatchObject({ status: "failed", message: 'There is no job of kind "nonsense" in this version of MarketLens.' });
  });

  it("refuses stored parameters that do not read, rather than misreading them", async () => {
    await idle();
    const damaged = await insertJob(CLUSTER_RUN_KIND, { version: 1, k: "lots", features: ["monetary"], transform: "none", seed: 1 });
    await claimOldestQueuedJob(thisRunner());
    await runClaimedJob(damaged);
    expect(await getJobRow(damaged)).toMatchObject({ status: "failed", message: expect.stringMatching(new RegExp(`^The stored clustering settings of job ${damaged} is damaged \\(k: .+\\) and cannot be read: `)) });
    const newer = await insertJob(CLUSTER_RUN_KIND, { version: 2, k: 2 });
    await claimOldestQueuedJob(thisRunner());
    await runClaimedJob(newer);
    expect((await getJobRow(newer))!.message).toMatch(new RegExp(`^The stored clustering settings of job ${newer} is in format version 2, written by a newer MarketLens than this one \\(which reads version 1\\)`));
  });

  it("says a person's error as it is and anything else with a reference, never its message", () => {
    const spec = { kind: "import", afterFailure: "Rows committed before this are kept." };
    expect(describeFailure(new UserError("The file is empty"), spec, 1)).toEqual(["failed", "The file is empty. Rows committed before this are kept."]);
    expect(describeFailure(new UserError("k = 5 is too many"), { kind: "x", afterFailure: "" }, 1)).toEqual(["failed", "k = 5 is too many"]);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const [status, message] = describeFailure(new RangeError("Invalid typed array length: -1 for jane@example.com"), { kind: "x", afterFailure: "" }, 7);
    expect(status).toBe("failed");
    expect(message).toMatch(/^It failed unexpectedly \(reference [0-9a-f]{8}; the server log has the details\)\. Start it again\.$/);
    const logged = log.mock.calls.flat().join(" ");
    expect(logged).toMatch(/\[job 7 x\] unexpected RangeError/);
    expect(logged).not.toContain("example.com");
    log.mockRestore();
  });

  it("never brings a job back to life: an outcome lands only on a job still running", async () => {
    await idle();
    const id = await queue();
    await claimOldestQueuedJob(thisRunner());
    expect(await endJobRow(id, "failed", "It stopped: the process running it ended. Start it again.")).toBe(true);
    expect(await completeJobRow(id, { late: true })).toBe(false);
    expect((await getJobRow(id))!.status).toBe("failed");
  });
});
