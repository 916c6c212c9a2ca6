-- CreateTable
CREATE TABLE "SuppressedCustomer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "externalIdHash" TEXT NOT NULL,
    "emailHash" TEXT,
    "erasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "SuppressedCustomer_externalIdHash_key" ON "SuppressedCustomer"("externalIdHash");

-- CreateIndex
CREATE UNIQUE INDEX "SuppressedCustomer_emailHash_key" ON "SuppressedCustomer"("emailHash");
