-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_eventId_key";

-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_status_eventXid_eventId_idx";

-- DropIndex
DROP INDEX "WebhookEndpoint_status_leaseUntil_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_pending_idx" ON "WebhookDelivery"("endpointId", "eventXid", "eventId") WHERE (status = 'PENDING');

-- CreateIndex
CREATE INDEX "WebhookEndpoint_status_idx" ON "WebhookEndpoint"("status");
