// Makes an empty database on a PostgreSQL server (dropping one of the same name first) and prints its URL:
// `node --import tsx scripts/fresh-postgres-database.ts <server URL> <name>`. For the browser tests on
// PostgreSQL (scripts/e2e-server.sh); never pointed at a server that holds data you want.
import { adminQuery, withDatabase } from "../lib/db/postgres-admin";

const [server, name] = process.argv.slice(2);
if (!server || !name) {
  console.error("usage: fresh-postgres-database.ts <postgresql://server URL> <database name>");
  process.exit(2);
}
const url = withDatabase(server, name);
await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await adminQuery(server, `CREATE DATABASE "${name}"`);
console.log(url);
