-- AlterTable
ALTER TABLE "ModelRun" ADD COLUMN "heartbeatAt" DATETIME;
ALTER TABLE "ModelRun" ADD COLUMN "progress" REAL;
ALTER TABLE "ModelRun" ADD COLUMN "progressNote" TEXT;
