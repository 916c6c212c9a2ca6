// Before timing the pages: one saved rule segment to open (created once), and whether recommenders are
// trained (the preview times the models when they are; train them with `--train` on bench:pages).
// An admin account to sign in as (pages answer only signed-in people), made once in the bench database.
// Prints {"segmentId": N, "models": true|false, "email": …, "password": …} on stdout.
import { closeDirect } from "../../lib/db/direct";
import { getDb } from "../../lib/db/client";
import { getLatestJobId } from "../../lib/db/jobs";
import { listSegments, saveRuleSegment } from "../../lib/db/segments";
import { findUserByEmail } from "../../lib/db/users";
import { createUser } from "../../lib/services/users";
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
// Only ever in data/bench-*.db, a database of generated customers on this machine.
const email = "bench-admin@bench.invalid";
const password = "bench pages passphrase";
if (!(await findUserByEmail(email))) await createUser({ email, name: "bench", password, role: "admin" }, { caller: null, via: "bench" });
console.log(JSON.stringify({ segmentId: segment.id, models: (await getLatestJobId("recommenders")) !== null, email, password }));
await closeDirect();
await getDb().$disconnect();
