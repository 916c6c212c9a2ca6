// Before timing the pages: one saved rule segment to open (created once), and whether recommenders are
// trained (the preview times the models when they are; train them with `--train` on bench:pages).
// Prints {"segmentId": N, "models": true|false} on stdout.
import { closeBulkConnections } from "../../lib/db/bulk-insert";
import { getDb } from "../../lib/db/client";
import { getLatestJobId } from "../../lib/db/jobs";
import { listSegments, saveRuleSegment } from "../../lib/db/segments";
import { prepareDatabase } from "../../lib/services/prepare-database";
import { TRAINING_JOB } from "../../lib/services/jobs/job-kinds";
import { enqueueJob, runJobHere } from "../../lib/services/jobs/runner";
import { DEFAULT_INTERACTIONS } from "../../lib/services/recs/training-data";

const NAME = "Bench: UK repeat buyers";
await prepareDatabase({ seedIfEmpty: false });
const existing = (await listSegments()).find((s) => s.name === NAME);
const segment = existing ?? (await saveRuleSegment(NAME, "for bench:pages", { all: [{ field: "country", op: "eq", value: "United Kingdom" }, { field: "orders", op: "gte", value: 2 }] }));
if (process.argv.includes("--train") && !(await getLatestJobId("recommenders"))) {
  // Without tuning: the page timings depend on the models served, not on how their settings were chosen.
  await runJobHere(await enqueueJob(TRAINING_JOB, { interactions: DEFAULT_INTERACTIONS, algorithms: [], tune: false }));
}
console.log(JSON.stringify({ segmentId: segment.id, models: (await getLatestJobId("recommenders")) !== null }));
closeBulkConnections();
await getDb().$disconnect();
