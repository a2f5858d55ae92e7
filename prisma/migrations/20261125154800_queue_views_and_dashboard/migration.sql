-- CreateTable
CREATE TABLE "QueueView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "orderBy" TEXT NOT NULL DEFAULT 'OLDEST_IN_STEP',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QueueView_userId_name_key" ON "QueueView"("userId", "name");

-- CreateIndex
CREATE INDEX "AuditEvent_authorityCode_createdAt_idx" ON "AuditEvent"("authorityCode", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_provinceCode_createdAt_idx" ON "AuditEvent"("provinceCode", "createdAt");
