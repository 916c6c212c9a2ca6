// Read by the Prisma CLI (generate/validate). Migrations run through scripts/db-migrate.ts, which drives
// Prisma's WebAssembly schema engine because the native engine cannot be downloaded here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
