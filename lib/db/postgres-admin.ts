// Statements about whole PostgreSQL databases (create, drop), each on its own short-lived connection:
// CREATE and DROP DATABASE cannot run inside a transaction, which a pool's adapter may hold open.
import pg from "pg";

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The server's URL pointing at another database on it. */
export function withDatabase(serverUrl: string, name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new RangeError(`withDatabase: unexpected database name ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
