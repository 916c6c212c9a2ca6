// The Prisma client, one per process (and one across Next's dev reloads). Only lib/db imports this.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { env, sqliteFilePath } from "../env";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

export function createDb(databaseUrl: string = env.DATABASE_URL): Db {
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(databaseUrl)}`, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { marketlensDb?: Db };

export function getDb(): Db {
  globalForDb.marketlensDb ??= createDb();
  return globalForDb.marketlensDb;
}

/** Closes the client if this process ever opened one (a CLI import never does). */
export async function disconnectDb(): Promise<void> {
  await globalForDb.marketlensDb?.$disconnect();
}
