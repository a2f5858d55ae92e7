-- Import records count what was committed: each row's result is a row of "ImportRow", written (with the record's
-- counters) in the transaction that commits the row's effects, and a running import holds a lease under its owner.
-- (No semicolons in comments: the PostgreSQL adapter splits a script at every one.)

-- AlterTable
ALTER TABLE "ImportRecord" ADD COLUMN     "created" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3),
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'zh-CN',
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "updated" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ImportRow" (
    "importRecordId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "outcome" TEXT,
    "result" JSONB NOT NULL,

    CONSTRAINT "ImportRow_pkey" PRIMARY KEY ("importRecordId","row")
);

-- AddForeignKey
ALTER TABLE "ImportRow" ADD CONSTRAINT "ImportRow_importRecordId_fkey" FOREIGN KEY ("importRecordId") REFERENCES "ImportRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move the results kept so far (a bare array of rows, or { rows, heartbeatAt, failureReason }) into the new places
INSERT INTO "ImportRow" ("importRecordId", "row", "succeeded", "outcome", "result")
SELECT r."id", (e.value->>'row')::int, COALESCE((e.value->>'succeeded')::boolean, false), e.value->>'outcome', e.value
FROM "ImportRecord" r
CROSS JOIN LATERAL jsonb_array_elements(
  CASE
    WHEN jsonb_typeof(r."results") = 'array' THEN r."results"
    WHEN jsonb_typeof(r."results"->'rows') = 'array' THEN r."results"->'rows'
    ELSE '[]'::jsonb
  END
) AS e(value)
WHERE jsonb_typeof(e.value->'row') = 'number'
ON CONFLICT DO NOTHING;

UPDATE "ImportRecord" SET "failureReason" = "results"->>'failureReason' WHERE jsonb_typeof("results") = 'object';

UPDATE "ImportRecord" r
SET "created" = c.created, "updated" = c.updated
FROM (
  SELECT "importRecordId",
    count(*) FILTER (WHERE "outcome" = 'CREATED') AS created,
    count(*) FILTER (WHERE "outcome" = 'UPDATED') AS updated
  FROM "ImportRow" GROUP BY "importRecordId"
) c
WHERE c."importRecordId" = r."id";

-- an import still PROCESSING wrote its counters less often than its rows: count the rows
UPDATE "ImportRecord" r
SET "succeeded" = c.succeeded, "failed" = c.failed
FROM (
  SELECT "importRecordId",
    count(*) FILTER (WHERE "succeeded") AS succeeded,
    count(*) FILTER (WHERE NOT "succeeded") AS failed
  FROM "ImportRow" GROUP BY "importRecordId"
) c
WHERE c."importRecordId" = r."id" AND r."status" = 'PROCESSING';

-- AlterTable
ALTER TABLE "ImportRecord" DROP COLUMN "results";

-- CreateIndex
CREATE INDEX "ImportRecord_status_leaseExpiresAt_idx" ON "ImportRecord"("status", "leaseExpiresAt");
