// Runs one queued background job in its own process: `node --import tsx scripts/run-job.ts <runId>`.
// Started by lib/services/jobs/analysis-jobs.ts so the web server keeps answering while it computes.
import { closeBulkConnections } from "../lib/db/bulk-insert";
import { getDb } from "../lib/db/client";
import { failUnfinishedModelRun, getModelRunJob } from "../lib/db/model-runs";
import { runJob } from "../lib/services/jobs/analysis-jobs";
import { JOB_KINDS } from "../lib/services/jobs/job-kinds";

const runId = Number(process.argv[2]);
let code = 0;
try {
  if (!Number.isInteger(runId) || runId < 1) throw new Error(`usage: run-job.ts <runId>, got "${process.argv[2] ?? ""}"`);
  const job = await getModelRunJob(runId);
  if (!job) throw new Error(`there is no run ${runId}`);
  const work = Object.hasOwn(JOB_KINDS, job.kind) ? JOB_KINDS[job.kind]! : null;
  if (job.status !== "queued") console.error(`run-job: run ${runId} is ${job.status}, not queued; nothing to do`);
  else if (!work) await failUnfinishedModelRun(runId, `There is no job of kind "${job.kind}".`);
  else await runJob(runId, work(job.parameters));
} catch (e) {
  console.error(`run-job: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  closeBulkConnections();
  await getDb().$disconnect();
}
process.exit(code);
