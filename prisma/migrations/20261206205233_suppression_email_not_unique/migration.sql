-- DropIndex
DROP INDEX "SuppressedCustomer_emailHash_key";

-- CreateIndex
CREATE INDEX "SuppressedCustomer_emailHash_idx" ON "SuppressedCustomer"("emailHash");
