-- CreateTable
CREATE TABLE "ModelPart" (
    "jobId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "ModelPart_pkey" PRIMARY KEY ("jobId","name","part")
);

-- AddForeignKey
ALTER TABLE "ModelPart" ADD CONSTRAINT "ModelPart_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
