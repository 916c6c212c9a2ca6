/*
  Warnings:

  - A unique constraint covering the columns `[dedupeKey]` on the table `CampaignEvent` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "CampaignEvent" ADD COLUMN "dedupeKey" BIGINT;

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "attributes" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customerId" INTEGER,
    "productId" INTEGER,
    "type" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "revenue" REAL NOT NULL DEFAULT 0,
    "rating" REAL,
    "orderId" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "dedupeKey" BIGINT,
    CONSTRAINT "Event_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("customerId", "id", "occurredAt", "orderId", "productId", "quantity", "rating", "revenue", "type") SELECT "customerId", "id", "occurredAt", "orderId", "productId", "quantity", "rating", "revenue", "type" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_dedupeKey_key" ON "Event"("dedupeKey");
CREATE INDEX "Event_customerId_occurredAt_idx" ON "Event"("customerId", "occurredAt");
CREATE INDEX "Event_productId_occurredAt_idx" ON "Event"("productId", "occurredAt");
CREATE INDEX "Event_occurredAt_idx" ON "Event"("occurredAt");
CREATE INDEX "Event_type_occurredAt_revenue_orderId_idx" ON "Event"("type", "occurredAt", "revenue", "orderId");
CREATE TABLE "new_ImportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "sourcePath" TEXT,
    "options" JSONB,
    "summary" JSONB,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "heartbeatAt" DATETIME,
    "bytesTotal" INTEGER,
    "bytesRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "errorsPath" TEXT,
    "message" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);
INSERT INTO "new_ImportJob" ("bytesRead", "bytesTotal", "createdAt", "errorsPath", "fileName", "finishedAt", "id", "inserted", "kind", "message", "options", "rejected", "rowsRead", "startedAt", "status", "unchanged", "updated") SELECT "bytesRead", "bytesTotal", "createdAt", "errorsPath", "fileName", "finishedAt", "id", "inserted", "kind", "message", "options", "rejected", "rowsRead", "startedAt", "status", "unchanged", "updated" FROM "ImportJob";
DROP TABLE "ImportJob";
ALTER TABLE "new_ImportJob" RENAME TO "ImportJob";
CREATE INDEX "ImportJob_createdAt_idx" ON "ImportJob"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CampaignEvent_dedupeKey_key" ON "CampaignEvent"("dedupeKey");
