-- CreateTable
CREATE TABLE "WaitingDay" (
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "authorityCode" TEXT NOT NULL DEFAULT '',
    "provinceCode" TEXT NOT NULL DEFAULT '',
    "day" DATE NOT NULL,
    "cases" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WaitingDay_pkey" PRIMARY KEY ("kind","status","authorityCode","provinceCode","day")
);

-- CreateIndex
CREATE INDEX "WaitingDay_authorityCode_kind_status_idx" ON "WaitingDay"("authorityCode", "kind", "status");

-- CreateIndex
CREATE INDEX "WaitingDay_provinceCode_kind_status_idx" ON "WaitingDay"("provinceCode", "kind", "status");

-- The waiting days are kept like the queue counters (migration queue_counts): one statement-level trigger function
-- for every kind, given the kind, how its rows name their authority and province, and its statuses at a bureau
-- step (comma-separated), each changed count written once per statement in key order. A row whose day no longer
-- has a case waiting is removed in the same statement, so the table holds only days with waiting cases.
-- The body is an escape string with its semicolons written as \073 (the migration is split at every semicolon).
CREATE FUNCTION waiting_day_apply() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  case_kind text := TG_ARGV[0]\073
  authority text := TG_ARGV[1]\073
  province text := TG_ARGV[2]\073
  waiting text[] := string_to_array(TG_ARGV[3], '','')\073
  changes text[] := ARRAY[]::text[]\073
  row_day text := ''("stepEnteredAt" + make_interval(hours => 8))::date''\073
  kept record\073
BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    DELETE FROM "WaitingDay" WHERE "kind" = case_kind\073
    RETURN NULL\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    changes := changes || format(
      ''SELECT "status", %s AS a, %s AS p, %s AS d, -1 AS n FROM old_rows WHERE "status" = ANY($2)'',
      authority, province, row_day)\073
  END IF\073
  IF TG_OP IN (''UPDATE'', ''INSERT'') THEN
    changes := changes || format(
      ''SELECT "status", %s AS a, %s AS p, %s AS d, 1 AS n FROM new_rows WHERE "status" = ANY($2)'',
      authority, province, row_day)\073
  END IF\073
  FOR kept IN EXECUTE format(
    ''INSERT INTO "WaitingDay" AS w ("kind", "status", "authorityCode", "provinceCode", "day", "cases")
     SELECT $1, "status", coalesce(a, %L), coalesce(p, %L), d, sum(n) FROM (%s) AS change
     GROUP BY 2, 3, 4, 5 HAVING sum(n) <> 0 ORDER BY 2, 3, 4, 5
     ON CONFLICT ("kind", "status", "authorityCode", "provinceCode", "day")
     DO UPDATE SET "cases" = w."cases" + EXCLUDED."cases"
     RETURNING "status", "authorityCode", "provinceCode", "day", "cases"'',
    '''', '''', array_to_string(changes, '' UNION ALL ''))
  USING case_kind, waiting
  LOOP
    IF kept.cases = 0 THEN
      DELETE FROM "WaitingDay" WHERE "kind" = case_kind AND "status" = kept.status
        AND "authorityCode" = kept."authorityCode" AND "provinceCode" = kept."provinceCode" AND "day" = kept.day\073
    END IF\073
  END LOOP\073
  RETURN NULL\073
END
';

CREATE TRIGGER waiting_day_insert AFTER INSERT ON "AccessApplication" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_update AFTER UPDATE ON "AccessApplication" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_delete AFTER DELETE ON "AccessApplication" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('ACCESS_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_truncate AFTER TRUNCATE ON "AccessApplication"
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('ACCESS_APPLICATION', '', '', '');

CREATE TRIGGER waiting_day_insert AFTER INSERT ON "ExitApplication" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_update AFTER UPDATE ON "ExitApplication" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_delete AFTER DELETE ON "ExitApplication" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('EXIT_APPLICATION', '"competentAuthorityCode"', '"provinceCode"', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_truncate AFTER TRUNCATE ON "ExitApplication"
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('EXIT_APPLICATION', '', '', '');

CREATE TRIGGER waiting_day_insert AFTER INSERT ON "Invitation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''', 'PENDING_ACCEPTANCE,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_update AFTER UPDATE ON "Invitation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''', 'PENDING_ACCEPTANCE,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_delete AFTER DELETE ON "Invitation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('INVITATION', '"useUnitAuthorityCode"', 'left("useUnitAuthorityCode", 3) || ''00000000''', 'PENDING_ACCEPTANCE,PENDING_CONFIRMATION');
CREATE TRIGGER waiting_day_truncate AFTER TRUNCATE ON "Invitation"
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('INVITATION', '', '', '');

CREATE TRIGGER waiting_day_insert AFTER INSERT ON "CapabilitySubscription" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''', 'PENDING_APPROVAL');
CREATE TRIGGER waiting_day_update AFTER UPDATE ON "CapabilitySubscription" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''', 'PENDING_APPROVAL');
CREATE TRIGGER waiting_day_delete AFTER DELETE ON "CapabilitySubscription" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('CAPABILITY_SUBSCRIPTION', '"competentAuthorityCode"', 'left("competentAuthorityCode", 3) || ''00000000''', 'PENDING_APPROVAL');
CREATE TRIGGER waiting_day_truncate AFTER TRUNCATE ON "CapabilitySubscription"
  FOR EACH STATEMENT EXECUTE FUNCTION waiting_day_apply('CAPABILITY_SUBSCRIPTION', '', '', '');

-- Backfill from the rows already stored (migrations run with the application stopped)
INSERT INTO "WaitingDay" ("kind", "status", "authorityCode", "provinceCode", "day", "cases")
SELECT kind, status, a, p, d, sum(n) FROM (
  SELECT 'ACCESS_APPLICATION' AS kind, "status", coalesce("competentAuthorityCode", '') AS a, coalesce("provinceCode", '') AS p,
      ("stepEnteredAt" + make_interval(hours => 8))::date AS d, count(*) AS n
    FROM "AccessApplication" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'EXIT_APPLICATION', "status", coalesce("competentAuthorityCode", ''), coalesce("provinceCode", ''),
      ("stepEnteredAt" + make_interval(hours => 8))::date, count(*)
    FROM "ExitApplication" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_REVIEW', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'INVITATION', "status", coalesce("useUnitAuthorityCode", ''), coalesce(left("useUnitAuthorityCode", 3) || '00000000', ''),
      ("stepEnteredAt" + make_interval(hours => 8))::date, count(*)
    FROM "Invitation" WHERE "status" IN ('PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION') GROUP BY 2, 3, 4, 5
  UNION ALL
  SELECT 'CAPABILITY_SUBSCRIPTION', "status", coalesce("competentAuthorityCode", ''), coalesce(left("competentAuthorityCode", 3) || '00000000', ''),
      ("stepEnteredAt" + make_interval(hours => 8))::date, count(*)
    FROM "CapabilitySubscription" WHERE "status" = 'PENDING_APPROVAL' GROUP BY 2, 3, 4, 5
) AS existing
GROUP BY 1, 2, 3, 4, 5;
