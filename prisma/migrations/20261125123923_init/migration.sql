-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AuthorityLevel" AS ENUM ('PROVINCIAL', 'LOCAL');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('ENTERPRISE', 'OFFICER', 'ADMIN');

-- CreateEnum
CREATE TYPE "IdentityType" AS ENUM ('LEGAL_REPRESENTATIVE', 'FINANCE_MANAGER', 'TAX_CLERK', 'INVOICE_CLERK');

-- CreateTable
CREATE TABLE "TaxAuthority" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "AuthorityLevel" NOT NULL,
    "parentCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaxAuthority_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "competentAuthorityCode" TEXT NOT NULL,
    "creditRating" TEXT NOT NULL,
    "inPilot" BOOLEAN NOT NULL DEFAULT false,
    "majorViolation" BOOLEAN NOT NULL DEFAULT false,
    "livelihoodIndustry" BOOLEAN NOT NULL DEFAULT false,
    "regulatedSector" BOOLEAN NOT NULL DEFAULT false,
    "priorYearRevenue" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "invoiceCount12m" INTEGER NOT NULL DEFAULT 0,
    "invoiceAmount12m" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "dcuStatus" TEXT NOT NULL DEFAULT 'NOT_CONNECTED',
    "leqiId" TEXT,
    "dcuConfirmedAt" TIMESTAMP(3),
    "dcuExpiresAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "identityType" "IdentityType",
    "enterpriseId" TEXT,
    "authorityCode" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessApplication" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "accessType" TEXT NOT NULL DEFAULT 'SELF_USE',
    "claimsLivelihood" BOOLEAN NOT NULL DEFAULT false,
    "unitInfoConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "builtByThirdParty" BOOLEAN NOT NULL DEFAULT false,
    "basicInfo" JSONB NOT NULL DEFAULT '{}',
    "useUnits" JSONB NOT NULL DEFAULT '[]',
    "systemInfo" JSONB NOT NULL DEFAULT '{}',
    "eligibilityReport" JSONB,
    "competentAuthorityCode" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "stepEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "lastDeciderId" TEXT,
    "lastReason" TEXT,
    "previousApplicationId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccessApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExitApplication" (
    "id" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "competentAuthorityCode" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "stepEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "lastDeciderId" TEXT,
    "lastReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExitApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "dcuEnterpriseId" TEXT NOT NULL,
    "useUnitEnterpriseId" TEXT,
    "useUnitUscc" TEXT NOT NULL,
    "useUnitName" TEXT NOT NULL,
    "provinceAuthorityCode" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "capabilityCodes" TEXT[],
    "channel" TEXT NOT NULL DEFAULT 'WEB',
    "batchId" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "liveKey" TEXT,
    "useUnitAuthorityCode" TEXT,
    "stepEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "lastDeciderId" TEXT,
    "lastReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Binding" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "dcuEnterpriseId" TEXT NOT NULL,
    "useUnitEnterpriseId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "activeKey" TEXT,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unboundAt" TIMESTAMP(3),
    "unboundById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Binding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Capability" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Capability_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CapabilitySubscription" (
    "id" TEXT NOT NULL,
    "dcuEnterpriseId" TEXT NOT NULL,
    "capabilityCodes" TEXT[],
    "validUntil" TIMESTAMP(3) NOT NULL,
    "businessSystemName" TEXT NOT NULL,
    "dailyVolumes" JSONB NOT NULL DEFAULT '{}',
    "businessScope" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "competentAuthorityCode" TEXT NOT NULL,
    "stepEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "lastDeciderId" TEXT,
    "lastReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CapabilitySubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapabilityAuthorisation" (
    "id" TEXT NOT NULL,
    "dcuEnterpriseId" TEXT NOT NULL,
    "holderEnterpriseId" TEXT NOT NULL,
    "capabilityCode" TEXT NOT NULL,
    "bindingId" TEXT,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validTo" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CapabilityAuthorisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Material" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "enterpriseId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Material_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMaterial" (
    "id" TEXT NOT NULL,
    "caseKind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "materialId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "caseKind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "actorUserId" TEXT,
    "actorName" TEXT,
    "actorRole" TEXT,
    "reason" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "enterpriseId" TEXT,
    "otherEnterpriseId" TEXT,
    "authorityCode" TEXT,
    "provinceCode" TEXT,
    "prevHash" TEXT,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvinceRule" (
    "id" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "minRevenue" DOUBLE PRECISION NOT NULL,
    "minInvoiceCount" INTEGER NOT NULL,
    "minInvoiceAmount" DOUBLE PRECISION NOT NULL,
    "livelihoodMinRevenue" DOUBLE PRECISION NOT NULL,
    "livelihoodMinInvoiceCount" INTEGER NOT NULL,
    "livelihoodMinInvoiceAmount" DOUBLE PRECISION NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvinceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRecord" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "fileName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "results" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_uscc_key" ON "Enterprise"("uscc");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_leqiId_key" ON "Enterprise"("leqiId");

-- CreateIndex
CREATE INDEX "Enterprise_competentAuthorityCode_idx" ON "Enterprise"("competentAuthorityCode");

-- CreateIndex
CREATE INDEX "Enterprise_name_idx" ON "Enterprise"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_enterpriseId_idx" ON "User"("enterpriseId");

-- CreateIndex
CREATE INDEX "User_authorityCode_idx" ON "User"("authorityCode");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_enterpriseId_idx" ON "ApiToken"("enterpriseId");

-- CreateIndex
CREATE INDEX "AccessApplication_status_competentAuthorityCode_stepEntered_idx" ON "AccessApplication"("status", "competentAuthorityCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "AccessApplication_status_provinceCode_stepEnteredAt_id_idx" ON "AccessApplication"("status", "provinceCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "AccessApplication_enterpriseId_createdAt_idx" ON "AccessApplication"("enterpriseId", "createdAt");

-- CreateIndex
CREATE INDEX "ExitApplication_status_competentAuthorityCode_stepEnteredAt_idx" ON "ExitApplication"("status", "competentAuthorityCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "ExitApplication_status_provinceCode_stepEnteredAt_id_idx" ON "ExitApplication"("status", "provinceCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "ExitApplication_enterpriseId_createdAt_idx" ON "ExitApplication"("enterpriseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_liveKey_key" ON "Invitation"("liveKey");

-- CreateIndex
CREATE INDEX "Invitation_status_useUnitAuthorityCode_stepEnteredAt_id_idx" ON "Invitation"("status", "useUnitAuthorityCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "Invitation_dcuEnterpriseId_status_createdAt_idx" ON "Invitation"("dcuEnterpriseId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_useUnitUscc_status_idx" ON "Invitation"("useUnitUscc", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Binding_invitationId_key" ON "Binding"("invitationId");

-- CreateIndex
CREATE UNIQUE INDEX "Binding_activeKey_key" ON "Binding"("activeKey");

-- CreateIndex
CREATE INDEX "Binding_dcuEnterpriseId_status_idx" ON "Binding"("dcuEnterpriseId", "status");

-- CreateIndex
CREATE INDEX "Binding_useUnitEnterpriseId_status_idx" ON "Binding"("useUnitEnterpriseId", "status");

-- CreateIndex
CREATE INDEX "CapabilitySubscription_status_competentAuthorityCode_stepEn_idx" ON "CapabilitySubscription"("status", "competentAuthorityCode", "stepEnteredAt", "id");

-- CreateIndex
CREATE INDEX "CapabilitySubscription_dcuEnterpriseId_status_idx" ON "CapabilitySubscription"("dcuEnterpriseId", "status");

-- CreateIndex
CREATE INDEX "CapabilityAuthorisation_dcuEnterpriseId_status_idx" ON "CapabilityAuthorisation"("dcuEnterpriseId", "status");

-- CreateIndex
CREATE INDEX "CapabilityAuthorisation_holderEnterpriseId_status_idx" ON "CapabilityAuthorisation"("holderEnterpriseId", "status");

-- CreateIndex
CREATE INDEX "CapabilityAuthorisation_bindingId_idx" ON "CapabilityAuthorisation"("bindingId");

-- CreateIndex
CREATE INDEX "Material_sha256_idx" ON "Material"("sha256");

-- CreateIndex
CREATE INDEX "Material_uploadedById_idx" ON "Material"("uploadedById");

-- CreateIndex
CREATE INDEX "CaseMaterial_materialId_idx" ON "CaseMaterial"("materialId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMaterial_caseKind_caseId_materialId_key" ON "CaseMaterial"("caseKind", "caseId", "materialId");

-- CreateIndex
CREATE INDEX "AuditEvent_caseKind_caseId_id_idx" ON "AuditEvent"("caseKind", "caseId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_enterpriseId_id_idx" ON "AuditEvent"("enterpriseId", "id");

-- CreateIndex
CREATE INDEX "ProvinceRule_provinceCode_effectiveFrom_idx" ON "ProvinceRule"("provinceCode", "effectiveFrom");

-- CreateIndex
CREATE INDEX "ImportRecord_enterpriseId_createdAt_idx" ON "ImportRecord"("enterpriseId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_scope_key_key" ON "IdempotencyRecord"("scope", "key");

-- AddForeignKey
ALTER TABLE "TaxAuthority" ADD CONSTRAINT "TaxAuthority_parentCode_fkey" FOREIGN KEY ("parentCode") REFERENCES "TaxAuthority"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessApplication" ADD CONSTRAINT "AccessApplication_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitApplication" ADD CONSTRAINT "ExitApplication_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_dcuEnterpriseId_fkey" FOREIGN KEY ("dcuEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_useUnitEnterpriseId_fkey" FOREIGN KEY ("useUnitEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Binding" ADD CONSTRAINT "Binding_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Binding" ADD CONSTRAINT "Binding_dcuEnterpriseId_fkey" FOREIGN KEY ("dcuEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Binding" ADD CONSTRAINT "Binding_useUnitEnterpriseId_fkey" FOREIGN KEY ("useUnitEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilitySubscription" ADD CONSTRAINT "CapabilitySubscription_dcuEnterpriseId_fkey" FOREIGN KEY ("dcuEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilityAuthorisation" ADD CONSTRAINT "CapabilityAuthorisation_dcuEnterpriseId_fkey" FOREIGN KEY ("dcuEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapabilityAuthorisation" ADD CONSTRAINT "CapabilityAuthorisation_holderEnterpriseId_fkey" FOREIGN KEY ("holderEnterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMaterial" ADD CONSTRAINT "CaseMaterial_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
