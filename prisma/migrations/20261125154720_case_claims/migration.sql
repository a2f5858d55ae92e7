-- CreateTable
CREATE TABLE "CaseClaim" (
    "id" TEXT NOT NULL,
    "caseKind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "holderId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "holderUsername" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseClaim_holderId_idx" ON "CaseClaim"("holderId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseClaim_caseKind_caseId_key" ON "CaseClaim"("caseKind", "caseId");
