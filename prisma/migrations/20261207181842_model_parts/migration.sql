-- CreateTable
CREATE TABLE "ModelPart" (
    "jobId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "part" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,

    PRIMARY KEY ("jobId", "name", "part"),
    CONSTRAINT "ModelPart_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
