-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "nameFromOrders" BOOLEAN NOT NULL DEFAULT false;
