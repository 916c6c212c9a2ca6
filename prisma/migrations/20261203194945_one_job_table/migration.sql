-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "parameters" JSONB NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "progressNote" TEXT,
    "result" JSONB,
    "metrics" JSONB,
    "message" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "runnerHost" TEXT,
    "runnerPid" INTEGER,
    "heartbeatAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Import" (
    "jobId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "bytesTotal" INTEGER,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB,
    "errorsPath" TEXT,
    CONSTRAINT "Import_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- One job table (issue 11). Analysis runs keep their ids; imports follow them (id + the largest run id),
-- so both histories survive. Jobs left queued or running were held in memory by the old servers, which
-- are gone: they are failed, as those servers' next start would have done.
INSERT INTO "Job" ("id", "kind", "status", "parameters", "progress", "progressNote", "result", "metrics", "message", "heartbeatAt", "createdAt", "startedAt", "finishedAt")
SELECT "id", "kind",
  CASE WHEN "status" IN ('completed', 'failed', 'cancelled') THEN "status" ELSE 'failed' END,
  coalesce("parameters", '{}'), coalesce("progress", 0), "progressNote", "model", "metrics",
  CASE WHEN "status" IN ('completed', 'failed', 'cancelled') THEN "message" ELSE 'The server stopped while this was computing. Start it again.' END,
  "heartbeatAt", "createdAt", "startedAt", coalesce("finishedAt", "heartbeatAt", "startedAt")
FROM "ModelRun";

INSERT INTO "Job" ("id", "kind", "status", "parameters", "progress", "message", "cancelRequested", "heartbeatAt", "createdAt", "startedAt", "finishedAt")
SELECT "id" + (SELECT coalesce(max("id"), 0) FROM "ModelRun"), 'import',
  CASE WHEN "status" IN ('completed', 'failed', 'cancelled') THEN "status" ELSE 'failed' END,
  json_object('version', 1, 'sourcePath', coalesce("sourcePath", ''), 'fileName', "fileName", 'options', json(coalesce("options", '{}'))),
  CASE WHEN "status" = 'completed' THEN 1 WHEN "bytesTotal" > 0 THEN min(1.0, CAST("bytesRead" AS REAL) / "bytesTotal") ELSE 0 END,
  CASE WHEN "status" IN ('completed', 'failed', 'cancelled') THEN "message" ELSE 'The import stopped (its process ended). What was committed before it stopped is kept; import the same file again to finish it without duplicates.' END,
  "cancelRequested", "heartbeatAt", "createdAt", "startedAt", coalesce("finishedAt", "heartbeatAt", "startedAt")
FROM "ImportJob";

INSERT INTO "Import" ("jobId", "kind", "fileName", "dryRun", "bytesTotal", "bytesRead", "rowsRead", "inserted", "updated", "unchanged", "rejected", "summary", "errorsPath")
SELECT "id" + (SELECT coalesce(max("id"), 0) FROM "ModelRun"), "kind", "fileName", "dryRun", "bytesTotal", "bytesRead", "rowsRead", "inserted", "updated", "unchanged", "rejected", "summary", "errorsPath"
FROM "ImportJob";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportRowError" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "importJobId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT,
    "reason" TEXT NOT NULL,
    "raw" TEXT,
    CONSTRAINT "ImportRowError_importJobId_fkey" FOREIGN KEY ("importJobId") REFERENCES "Import" ("jobId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ImportRowError" ("column", "id", "importJobId", "line", "raw", "reason") SELECT "column", "id", "importJobId" + (SELECT coalesce(max("id"), 0) FROM "ModelRun"), "line", "raw", "reason" FROM "ImportRowError";
DROP TABLE "ImportRowError";
ALTER TABLE "new_ImportRowError" RENAME TO "ImportRowError";
CREATE INDEX "ImportRowError_importJobId_line_idx" ON "ImportRowError"("importJobId", "line");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Job_status_id_idx" ON "Job"("status", "id");

-- CreateIndex
CREATE INDEX "Job_kind_status_id_idx" ON "Job"("kind", "status", "id");

-- DropIndex
DROP INDEX "ImportJob_createdAt_idx";

-- DropIndex
DROP INDEX "ModelRun_kind_createdAt_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ImportJob";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ModelRun";
PRAGMA foreign_keys=on;
