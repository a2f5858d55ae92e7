-- CreateIndex
CREATE INDEX "AccessApplication_status_competentAuthorityCode_submittedAt_idx" ON "AccessApplication"("status", "competentAuthorityCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "AccessApplication_status_provinceCode_submittedAt_id_idx" ON "AccessApplication"("status", "provinceCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "CapabilitySubscription_status_competentAuthorityCode_create_idx" ON "CapabilitySubscription"("status", "competentAuthorityCode", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ExitApplication_status_competentAuthorityCode_submittedAt_i_idx" ON "ExitApplication"("status", "competentAuthorityCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "ExitApplication_status_provinceCode_submittedAt_id_idx" ON "ExitApplication"("status", "provinceCode", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Invitation_status_useUnitAuthorityCode_respondedAt_id_idx" ON "Invitation"("status", "useUnitAuthorityCode", "respondedAt", "id");
