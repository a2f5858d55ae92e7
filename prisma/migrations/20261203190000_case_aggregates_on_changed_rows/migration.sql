-- The queue counters and waiting days (migrations queue_counts and dashboard_aggregates) were kept on UPDATE by
-- statement-level triggers that collected every updated row into transition tables and built their statement
-- with EXECUTE, planned on every call: about 0.2 ms of database time per trigger on every write to a case, a saved
-- draft included. Every UPDATE of a case names one row (by id and version), so the UPDATE side is now one row-level
-- trigger per case table, fired only when a counted column changed (the WHEN clause is checked by the executor,
-- so a saved draft or an attached material runs no trigger at all), with static statements planned once per
-- session. Each aggregate still writes its changed rows in one statement in key order, so two transactions moving
-- cases between the same two queues lock the shared rows in the same order. INSERT, DELETE and TRUNCATE keep
-- their statement-level triggers: imports insert many rows in one statement.
-- The body is an escape string with its semicolons written as \073 (the migration is split at every semicolon).
CREATE FUNCTION case_aggregates_on_update() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  case_kind text := TG_ARGV[0]\073
  waiting text[] := string_to_array(TG_ARGV[1], '','')\073
  old_authority text\073
  new_authority text\073
  old_province text\073
  new_province text\073
  kept record\073
BEGIN
  IF TG_TABLE_NAME = ''Invitation'' THEN
    old_authority := OLD."useUnitAuthorityCode"\073
    new_authority := NEW."useUnitAuthorityCode"\073
  ELSE
    old_authority := OLD."competentAuthorityCode"\073
    new_authority := NEW."competentAuthorityCode"\073
  END IF\073
  IF TG_TABLE_NAME IN (''AccessApplication'', ''ExitApplication'') THEN
    old_province := OLD."provinceCode"\073
    new_province := NEW."provinceCode"\073
  ELSE
    old_province := left(old_authority, 3) || ''00000000''\073
    new_province := left(new_authority, 3) || ''00000000''\073
  END IF\073
  old_authority := coalesce(old_authority, '''')\073
  new_authority := coalesce(new_authority, '''')\073
  old_province := coalesce(old_province, '''')\073
  new_province := coalesce(new_province, '''')\073

  INSERT INTO "QueueCount" AS q ("kind", "status", "authorityCode", "provinceCode", "cases")
  SELECT case_kind, change.s, change.a, change.p, sum(change.d)
    FROM (VALUES (OLD.status, old_authority, old_province, -1), (NEW.status, new_authority, new_province, 1))
      AS change (s, a, p, d)
   GROUP BY 2, 3, 4 HAVING sum(change.d) <> 0 ORDER BY 2, 3, 4
  ON CONFLICT ("kind", "status", "authorityCode", "provinceCode")
  DO UPDATE SET "cases" = q."cases" + EXCLUDED."cases"\073

  FOR kept IN
    INSERT INTO "WaitingDay" AS w ("kind", "status", "authorityCode", "provinceCode", "day", "cases")
    SELECT case_kind, change.s, change.a, change.p, change.d, sum(change.n)
      FROM (VALUES
        (OLD.status, old_authority, old_province, (OLD."stepEnteredAt" + make_interval(hours => 8))::date, -1),
        (NEW.status, new_authority, new_province, (NEW."stepEnteredAt" + make_interval(hours => 8))::date, 1))
        AS change (s, a, p, d, n)
     WHERE change.s = ANY(waiting)
     GROUP BY 2, 3, 4, 5 HAVING sum(change.n) <> 0 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("kind", "status", "authorityCode", "provinceCode", "day")
    DO UPDATE SET "cases" = w."cases" + EXCLUDED."cases"
    RETURNING w."status", w."authorityCode", w."provinceCode", w."day", w."cases"
  LOOP
    IF kept.cases = 0 THEN
      DELETE FROM "WaitingDay" AS gone WHERE gone."kind" = case_kind AND gone."status" = kept.status
        AND gone."authorityCode" = kept."authorityCode" AND gone."provinceCode" = kept."provinceCode"
        AND gone."day" = kept.day\073
    END IF\073
  END LOOP\073
  RETURN NULL\073
END
';

DROP TRIGGER queue_count_update ON "AccessApplication";
DROP TRIGGER waiting_day_update ON "AccessApplication";
CREATE TRIGGER case_aggregates_update AFTER UPDATE ON "AccessApplication" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."stepEnteredAt" IS DISTINCT FROM NEW."stepEnteredAt"
    OR OLD."competentAuthorityCode" IS DISTINCT FROM NEW."competentAuthorityCode"
    OR OLD."provinceCode" IS DISTINCT FROM NEW."provinceCode")
  EXECUTE FUNCTION case_aggregates_on_update('ACCESS_APPLICATION', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');

DROP TRIGGER queue_count_update ON "ExitApplication";
DROP TRIGGER waiting_day_update ON "ExitApplication";
CREATE TRIGGER case_aggregates_update AFTER UPDATE ON "ExitApplication" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."stepEnteredAt" IS DISTINCT FROM NEW."stepEnteredAt"
    OR OLD."competentAuthorityCode" IS DISTINCT FROM NEW."competentAuthorityCode"
    OR OLD."provinceCode" IS DISTINCT FROM NEW."provinceCode")
  EXECUTE FUNCTION case_aggregates_on_update('EXIT_APPLICATION', 'PENDING_ACCEPTANCE,PENDING_REVIEW,PENDING_CONFIRMATION');

DROP TRIGGER queue_count_update ON "Invitation";
DROP TRIGGER waiting_day_update ON "Invitation";
CREATE TRIGGER case_aggregates_update AFTER UPDATE ON "Invitation" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."stepEnteredAt" IS DISTINCT FROM NEW."stepEnteredAt"
    OR OLD."useUnitAuthorityCode" IS DISTINCT FROM NEW."useUnitAuthorityCode")
  EXECUTE FUNCTION case_aggregates_on_update('INVITATION', 'PENDING_ACCEPTANCE,PENDING_CONFIRMATION');

DROP TRIGGER queue_count_update ON "CapabilitySubscription";
DROP TRIGGER waiting_day_update ON "CapabilitySubscription";
CREATE TRIGGER case_aggregates_update AFTER UPDATE ON "CapabilitySubscription" FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."stepEnteredAt" IS DISTINCT FROM NEW."stepEnteredAt"
    OR OLD."competentAuthorityCode" IS DISTINCT FROM NEW."competentAuthorityCode")
  EXECUTE FUNCTION case_aggregates_on_update('CAPABILITY_SUBSCRIPTION', 'PENDING_APPROVAL');
