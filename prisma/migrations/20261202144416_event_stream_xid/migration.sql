-- Events written before this migration get xid 0: they keep their order by id, and a cursor handed out before
-- (an id) stays the same position of the stream (cursor = xid * 10^19 + id). Later events take their writer's xid.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "xid" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "AuditEvent" ALTER COLUMN "xid" SET DEFAULT ((pg_current_xact_id())::text)::bigint;

-- CreateIndex
CREATE INDEX "AuditEvent_xid_id_idx" ON "AuditEvent"("xid", "id");
