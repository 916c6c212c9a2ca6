-- CreateTable
CREATE TABLE "CustomerPurchaseStats" (
    "customerId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orders" INTEGER NOT NULL,
    "revenue" REAL NOT NULL,
    "firstPurchaseAt" DATETIME NOT NULL,
    "lastPurchaseAt" DATETIME NOT NULL,
    CONSTRAINT "CustomerPurchaseStats_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CustomerPurchaseStats_lastPurchaseAt_idx" ON "CustomerPurchaseStats"("lastPurchaseAt");
