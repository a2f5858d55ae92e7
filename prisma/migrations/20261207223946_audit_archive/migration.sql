-- CreateTable
CREATE TABLE "AuditChainAnchor" (
    "caseKind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "lastEventId" BIGINT NOT NULL,
    "archivedEvents" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditChainAnchor_pkey" PRIMARY KEY ("caseKind","caseId")
);
