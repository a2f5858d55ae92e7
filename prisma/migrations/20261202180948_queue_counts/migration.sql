-- CreateTable
CREATE TABLE "QueueCount" (
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "authorityCode" TEXT NOT NULL DEFAULT '',
    "provinceCode" TEXT NOT NULL DEFAULT '',
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QueueCount_pkey" PRIMARY KEY ("kind","status","authorityCode","provinceCode")
);

-- CreateIndex
CREATE INDEX "QueueCount_kind_provinceCode_status_authorityCode_idx" ON "QueueCount"("kind", "provinceCode", "status", "authorityCode");

-- The counts are kept by the database, in the transaction of each write to a case table: one statement-level
-- trigger function for every kind, given the kind and how its rows name their authority and province. A statement
-- moving many rows (a bulk decision, an import, a system cancellation) writes each changed count once, in key
-- order, so two writers lock the count rows they share in the same order. A write leaving every case in its
-- queue (a draft saved, a material attached) changes no count and locks nothing.
-- The body is an escape string with its semicolons written as \073: the PostgreSQL driver adapter of the
-- migration engine splits a migration at every semicolon, even inside quotes (so none may appear in this file
-- outside statement ends, comments included).
CREATE FUNCTION queue_count_apply() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  case_kind text := TG_ARGV[0]\073
  authority text := TG_ARGV[1]\073
  province text := TG_ARGV[2]\073
  changes text[] := ARRAY[]::text[]\073
BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    DELETE FROM "QueueCount" WHERE "kind" = case_kind\073
    RETURN NULL\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    changes := changes || format(''SELECT "status", %s AS a, %s AS p, -1 AS d FROM old_rows'', authority, province)\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') THEN
    changes := changes || format(''SELECT "status", %s AS a, %s AS p, 1 AS d FROM new_rows'', authority, province)\073
  END IF\073
  EXECUTE format(
    ''INSERT INTO "QueueCount" AS q ("kind", "status", "authorityCode", "provinceCode", "cases")
     SELECT $1, "status", coalesce(a, %L), coalesce(p, %L), sum(d) FROM (%s) AS change
     GROUP BY 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 2, 3, 4
     ON CONFLICT ("kind", "status", "authorityCode", "provinceCode")
     DO UPDATE SET "cases" = q."cases" + EXCLUDED."cases"'',
    '''', '''', array_to_string(changes, '' UNION ALL ''))
  USING case_kind\073
  RETURN NULL\073
END
';

CREATE TRIGGER queue_count_insert AFTER INSERT ON "AccessApplication" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_update AFTER UPDATE ON "AccessApplication" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_delete AFTER DELETE ON "AccessApplication" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_truncate AFTER TRUNCATE ON "AccessApplication"
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('ACCESS_APPLICATION', '', '');

CREATE TRIGGER queue_count_insert AFTER INSERT ON "ExitApplication" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_update AFTER UPDATE ON "ExitApplication" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_delete AFTER DELETE ON "ExitApplication" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"');
CREATE TRIGGER queue_count_truncate AFTER TRUNCATE ON "ExitApplication"
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('EXIT_APPLICATION', '', '');

CREATE TRIGGER queue_count_insert AFTER INSERT ON "Invitation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_update AFTER UPDATE ON "Invitation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_delete AFTER DELETE ON "Invitation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_truncate AFTER TRUNCATE ON "Invitation"
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('INVITATION', '', '');

CREATE TRIGGER queue_count_insert AFTER INSERT ON "CapabilitySubscription" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_update AFTER UPDATE ON "CapabilitySubscription" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_delete AFTER DELETE ON "CapabilitySubscription" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''');
CREATE TRIGGER queue_count_truncate AFTER TRUNCATE ON "CapabilitySubscription"
  FOR EACH STATEMENT EXECUTE FUNCTION queue_count_apply('CAPABILITY_SUBSCRIPTION', '', '');

-- Backfill from the rows already stored (migrations run with the application stopped)
INSERT INTO "QueueCount" ("kind", "status", "authorityCode", "provinceCode", "cases")
SELECT kind, status, a, p, sum(n) FROM (
  SELECT 'ACCESS_APPLICATION' AS kind, "status", coalesce("competentAuthorityCode", '') AS a, coalesce("provinceCode", '') AS p, count(*) AS n
    FROM "AccessApplication" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'EXIT_APPLICATION', "status", coalesce("competentAuthorityCode", ''), coalesce("provinceCode", ''), count(*)
    FROM "ExitApplication" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'INVITATION', "status", coalesce("useUnitAuthorityCode", ''), coalesce(left("useUnitAuthorityCode", 3) || '00000000', ''), count(*)
    FROM "Invitation" GROUP BY 2, 3, 4
  UNION ALL
  SELECT 'CAPABILITY_SUBSCRIPTION', "status", coalesce("competentAuthorityCode", ''), coalesce(left("competentAuthorityCode", 3) || '00000000', ''), count(*)
    FROM "CapabilitySubscription" GROUP BY 2, 3, 4
) AS existing
GROUP BY 1, 2, 3, 4;
