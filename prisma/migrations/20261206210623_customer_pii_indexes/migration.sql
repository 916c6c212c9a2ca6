-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "emailIndex" TEXT;
ALTER TABLE "Customer" ADD COLUMN "nameIndex" TEXT;

-- CreateIndex
CREATE INDEX "Customer_emailIndex_idx" ON "Customer"("emailIndex");

-- CreateIndex
CREATE INDEX "Customer_nameIndex_idx" ON "Customer"("nameIndex");
