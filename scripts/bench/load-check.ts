// After bench:load's import: what the database holds, read on the database named by DATABASE_URL, to
// compare with what the import said it wrote. Prints {"events", "importedEvents", "customers", "products"}.
// Imported events are the ones with a dedupe key (the generated shop's have none); the key is unique, so
// a row written twice would have failed the import rather than hidden here.
import { getDb } from "../../lib/db/client";
import { closeDirect, directDb } from "../../lib/db/direct";

const db = directDb();
const count = async (sql: string) => Number((await db.first<[number | bigint]>(sql))![0]);
console.log(
  JSON.stringify({
    events: await count(`SELECT count(*) FROM "Event"`),
    importedEvents: await count(`SELECT count(*) FROM "Event" WHERE "dedupeKey" IS NOT NULL`),
    customers: await count(`SELECT count(*) FROM "Customer"`),
    products: await count(`SELECT count(*) FROM "Product"`),
  }),
);
await closeDirect();
await getDb().$disconnect();
