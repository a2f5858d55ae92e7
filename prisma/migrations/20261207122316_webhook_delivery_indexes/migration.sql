-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_status_idx";

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_eventXid_eventId_idx" ON "WebhookDelivery"("endpointId", "status", "eventXid", "eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_id_idx" ON "WebhookDelivery"("endpointId", "createdAt", "id");
