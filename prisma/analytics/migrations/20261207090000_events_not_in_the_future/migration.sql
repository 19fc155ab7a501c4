-- Hand-written: no event may claim to have happened more than an hour after the database's clock.
-- Ingestion already refuses more than five minutes ahead of the subgraph's clock; the hour absorbs
-- clocks that disagree. Newest-first pages rely on it: they look first in a window of months that
-- ends at least a day ahead (subgraphs/analytics/src/events.ts), so no row may lie beyond it. The
-- row trigger on "events" is cloned onto every partition, those made later included; rows that
-- partition upkeep moves out of the default partition passed it when they were written.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "events" WHERE "occurred_at" > now() + interval '1 hour') THEN
    RAISE EXCEPTION 'events holds rows more than an hour in the future: correct or delete them, then migrate again';
  END IF;
END $$;

CREATE FUNCTION analytics_refuse_future_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."occurred_at" > now() + interval '1 hour' THEN
    RAISE EXCEPTION 'An event cannot have happened after %', now() + interval '1 hour'
      USING ERRCODE = 'check_violation', TABLE = TG_TABLE_NAME, COLUMN = 'occurred_at';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "events_not_in_the_future" BEFORE INSERT OR UPDATE OF "occurred_at" ON "events"
  FOR EACH ROW EXECUTE FUNCTION analytics_refuse_future_event();
