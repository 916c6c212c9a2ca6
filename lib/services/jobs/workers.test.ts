// Several processes working one queue (on PostgreSQL, `npm run worker` on any machine; this file runs on both
// databases): every queued job runs exactly once, and a worker stops cleanly between jobs.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { getCustomerIdsByExternalId, insertCustomers } from "../../db/customers";
import { insertEvents } from "../../db/events";
import { getJobRow } from "../../db/jobs";
import { prepareDatabase } from "../prepare-database";
import { CLUSTERS_JOB } from "./job-kinds";
import { enqueueJob } from "./runner";

const run = promisify(execFile);
const queue = () => enqueueJob(CLUSTERS_JOB, { k: 2, features: ["monetary"], transform: "none", seed: 3 });

beforeAll(async () => {
  await prepareDatabase({ seedIfEmpty: false });
  await insertCustomers(["A", "B", "C", "D"].map((externalId) => ({ externalId })));
  const c = await getCustomerIdsByExternalId();
  await insertEvents(["A", "B", "C", "D"].map((who, i) => ({ customerId: c.get(who)!, type: "purchase", revenue: 10 * (i + 1) ** 2, occurredAt: new Date(`2026-03-0${i + 1}T12:00:00Z`) })));
});

describe("two workers on one queue", () => {
  it("run each queued job exactly once between them", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await queue());
    const worker = () => run(process.execPath, ["--import", "tsx", "scripts/cli.ts", "jobs", "run", "--json"], { env: process.env, encoding: "utf8" });
    const [a, b] = await Promise.all([worker(), worker()]);
    const ran = [a, b].map((r) => (JSON.parse(r.stdout) as { ran: number }).ran);
    // A job claimed twice would be counted twice here; one left over would be missing.
    expect(ran[0]! + ran[1]!).toBe(12);
    for (const id of ids) expect(await getJobRow(id)).toMatchObject({ status: "completed", progress: 1 });
    const pids = new Set((await getDb().job.findMany({ where: { id: { in: ids } }, select: { runnerPid: true } })).map((j) => j.runnerPid));
    expect([...pids].every((p) => p !== process.pid)).toBe(true);
  });
});

describe("npm run worker", () => {
  it("runs what is queued while it waits, and stops between jobs on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, MARKETLENS_JOBS: "worker" }, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await expect.poll(() => log, { timeout: 30_000, interval: 200 }).toContain("running jobs from");
      const id = await queue();
      await expect.poll(async () => (await getJobRow(id))?.status, { timeout: 30_000, interval: 250 }).toBe("completed");
      expect((await getJobRow(id))!.runnerPid).toBe(child.pid);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(log).toContain("stopping after the job under way");
    expect(log).toMatch(/ran 1 job \(1 since start\)/);
  });
});
