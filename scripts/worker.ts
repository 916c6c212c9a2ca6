// npm run worker: a process that only runs background jobs (imports, clustering, training, evaluation,
// attribution, scoring) from the one job table, as many of them side by side as you start, on this machine
// or others that reach the same PostgreSQL database (claims: lib/db/jobs.ts). Pair it with
// MARKETLENS_JOBS=worker on the app servers, which then only queue. On SQLite it works too, one job at a
// time with the server's runner. SIGTERM or Ctrl-C: the job under way finishes, then the worker stops.
import { disconnectDb } from "../lib/db/client";
import { closeDirect } from "../lib/db/direct";
import { databaseLabel } from "../lib/env";
import { runQueuedJobs, thisRunner } from "../lib/services/jobs/runner";
import { prepareDatabase } from "../lib/services/prepare-database";

/** How often an idle worker looks for queued jobs (the server's runner polls as often). */
const POLL_MS = 2_000;
let stopping = false;
let wake: (() => void) | null = null;
const stop = () => {
  if (!stopping) console.error("worker: stopping after the job under way (if any)");
  stopping = true;
  wake?.();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

let code = 0;
try {
  await prepareDatabase({ seedIfEmpty: false });
  const me = thisRunner();
  console.error(`worker ${me.host}:${me.pid}: running jobs from ${databaseLabel()}`);
  let total = 0;
  while (!stopping) {
    const ran = await runQueuedJobs("inline", undefined, () => stopping);
    if (ran) console.error(`worker: ran ${ran} job${ran === 1 ? "" : "s"} (${(total += ran)} since start)`);
    if (!stopping) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, POLL_MS)));
  }
} catch (e) {
  console.error(`worker: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  await closeDirect();
  await disconnectDb();
}
process.exit(code);
