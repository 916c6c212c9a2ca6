// Runs one claimed background job in its own process: `node --import tsx scripts/run-job.ts <jobId>`.
// Started by lib/services/jobs/runner.ts (MARKETLENS_JOBS=process) so the web server keeps answering while
// it computes. The job must already be claimed (running); anything else is left as it is.
import { getDb } from "../lib/db/client";
import { closeDirect } from "../lib/db/direct";
import { runClaimedJob } from "../lib/services/jobs/runner";

const jobId = Number(process.argv[2]);
let code = 0;
try {
  if (!Number.isInteger(jobId) || jobId < 1) throw new Error(`usage: run-job.ts <jobId>, got "${process.argv[2] ?? ""}"`);
  await runClaimedJob(jobId);
} catch (e) {
  console.error(`run-job: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await closeDirect();
  await getDb().$disconnect();
}
process.exit(code);
