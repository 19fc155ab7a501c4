-- Hand-written: the Billing summary's stats tables are kept by triggers in the transaction of every
-- write to subscriptions, plans and invoices (raw SQL and seeds included), so a summary reads a few
-- small rows instead of the base tables. Prisma does not model functions, triggers, partial indexes
-- or policies, so none of this shows up as drift (see prisma/README.md).
--
-- The functions run as the caller (not SECURITY DEFINER): the writing transaction already carries
-- the tenant scope, so row-level security allows the stats write and nothing else. Every bump
-- deletes its row once it counts nothing, so the tables hold exactly what
-- billing_rebuild_tenant_stats() computes from the base tables.

-- Row-level security, as on every tenant-owned table of this service.
ALTER TABLE "billing_tenant_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_tenant_stats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_tenant_stats"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "billing_tenant_mrr" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_tenant_mrr" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_tenant_mrr"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "billing_tenant_revenue" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_tenant_revenue" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_tenant_revenue"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

ALTER TABLE "billing_tenant_revenue_totals" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_tenant_revenue_totals" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "billing_tenant_revenue_totals"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on')
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR current_setting('app.all_tenants', true) = 'on');

-- overdueInvoices depends on the clock, so it is counted, not kept: per tenant through
-- invoices (tenant_id, status, due_date), platform-wide through this partial index.
CREATE INDEX "invoices_open_due_date" ON "invoices" ("due_date") WHERE "status" = 'OPEN';

-- A billing cycle's length in months: MONTH → intervalCount, YEAR → 12 × intervalCount.
CREATE FUNCTION billing_interval_months(p_interval billing_interval, p_count integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_interval WHEN 'YEAR' THEN 12 * p_count ELSE p_count END
$$;

CREATE FUNCTION billing_bump_stats(p_tenant uuid, p_trialing integer, p_active integer, p_past_due integer, p_cancelled integer, p_open integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO billing_tenant_stats AS s (tenant_id, trialing_subscriptions, active_subscriptions, past_due_subscriptions, cancelled_subscriptions, open_invoices)
  VALUES (p_tenant, p_trialing, p_active, p_past_due, p_cancelled, p_open)
  ON CONFLICT (tenant_id) DO UPDATE SET
    trialing_subscriptions = s.trialing_subscriptions + EXCLUDED.trialing_subscriptions,
    active_subscriptions = s.active_subscriptions + EXCLUDED.active_subscriptions,
    past_due_subscriptions = s.past_due_subscriptions + EXCLUDED.past_due_subscriptions,
    cancelled_subscriptions = s.cancelled_subscriptions + EXCLUDED.cancelled_subscriptions,
    open_invoices = s.open_invoices + EXCLUDED.open_invoices;
  DELETE FROM billing_tenant_stats
  WHERE tenant_id = p_tenant AND trialing_subscriptions = 0 AND active_subscriptions = 0
    AND past_due_subscriptions = 0 AND cancelled_subscriptions = 0 AND open_invoices = 0;
END $$;

CREATE FUNCTION billing_bump_mrr(p_tenant uuid, p_currency char(3), p_months integer, p_subscriptions integer, p_amount numeric)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO billing_tenant_mrr AS m (tenant_id, currency, interval_months, subscriptions, recurring_amount)
  VALUES (p_tenant, p_currency, p_months, p_subscriptions, p_amount)
  ON CONFLICT (tenant_id, currency, interval_months) DO UPDATE SET
    subscriptions = m.subscriptions + EXCLUDED.subscriptions,
    recurring_amount = m.recurring_amount + EXCLUDED.recurring_amount;
  DELETE FROM billing_tenant_mrr WHERE tenant_id = p_tenant AND currency = p_currency AND interval_months = p_months AND subscriptions = 0;
END $$;

CREATE FUNCTION billing_bump_revenue(p_tenant uuid, p_paid_at timestamptz, p_currency char(3), p_invoices integer, p_amount numeric)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_month date := date_trunc('month', p_paid_at AT TIME ZONE 'UTC')::date;
BEGIN
  INSERT INTO billing_tenant_revenue AS r (tenant_id, month, currency, paid_invoices, amount)
  VALUES (p_tenant, v_month, p_currency, p_invoices, p_amount)
  ON CONFLICT (tenant_id, month, currency) DO UPDATE SET
    paid_invoices = r.paid_invoices + EXCLUDED.paid_invoices, amount = r.amount + EXCLUDED.amount;
  DELETE FROM billing_tenant_revenue WHERE tenant_id = p_tenant AND month = v_month AND currency = p_currency AND paid_invoices = 0;
  INSERT INTO billing_tenant_revenue_totals AS t (tenant_id, currency, paid_invoices, amount)
  VALUES (p_tenant, p_currency, p_invoices, p_amount)
  ON CONFLICT (tenant_id, currency) DO UPDATE SET
    paid_invoices = t.paid_invoices + EXCLUDED.paid_invoices, amount = t.amount + EXCLUDED.amount;
  DELETE FROM billing_tenant_revenue_totals WHERE tenant_id = p_tenant AND currency = p_currency AND paid_invoices = 0;
END $$;

-- One subscription's part of the figures, added (p_sign 1) or taken away (-1). The plan row is
-- locked FOR SHARE: a concurrent price change waits for this transaction (and this one for it),
-- so the amount added here is the one the plan trigger will later move.
CREATE FUNCTION billing_count_subscription(p_tenant uuid, p_status subscription_status, p_plan uuid, p_quantity integer, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_plan record;
BEGIN
  PERFORM billing_bump_stats(p_tenant,
    p_sign * (p_status = 'TRIALING')::integer, p_sign * (p_status = 'ACTIVE')::integer,
    p_sign * (p_status = 'PAST_DUE')::integer, p_sign * (p_status = 'CANCELLED')::integer, 0);
  IF p_status IN ('ACTIVE', 'PAST_DUE') THEN
    SELECT amount, currency, billing_interval_months("interval", interval_count) AS months INTO v_plan
    FROM plans WHERE id = p_plan FOR SHARE;
    PERFORM billing_bump_mrr(p_tenant, v_plan.currency, v_plan.months, p_sign, p_sign * v_plan.amount * p_quantity);
  END IF;
END $$;

CREATE FUNCTION billing_subscriptions_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.plan_id = NEW.plan_id AND OLD.quantity = NEW.quantity THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM billing_count_subscription(OLD.tenant_id, OLD.status, OLD.plan_id, OLD.quantity, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM billing_count_subscription(NEW.tenant_id, NEW.status, NEW.plan_id, NEW.quantity, 1);
  END IF;
  RETURN NULL;
END $$;

-- A plan's new price, currency or interval moves the MRR of its paying subscriptions at once. A new
-- plan has no subscriptions, and a plan with subscriptions cannot be deleted (FK RESTRICT), so
-- INSERT and DELETE change nothing here.
CREATE FUNCTION billing_plans_stats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_count integer;
  v_quantity bigint;
BEGIN
  IF TG_OP <> 'UPDATE' OR (OLD.amount = NEW.amount AND OLD.currency = NEW.currency
      AND OLD.interval = NEW.interval AND OLD.interval_count = NEW.interval_count) THEN
    RETURN NULL;
  END IF;
  SELECT count(*), coalesce(sum(quantity), 0) INTO v_count, v_quantity
  FROM subscriptions WHERE plan_id = NEW.id AND status IN ('ACTIVE', 'PAST_DUE');
  IF v_count > 0 THEN
    PERFORM billing_bump_mrr(OLD.tenant_id, OLD.currency, billing_interval_months(OLD.interval, OLD.interval_count), -v_count, -OLD.amount * v_quantity);
    PERFORM billing_bump_mrr(NEW.tenant_id, NEW.currency, billing_interval_months(NEW.interval, NEW.interval_count), v_count, NEW.amount * v_quantity);
  END IF;
  RETURN NULL;
END $$;

-- One invoice's part: OPEN counts as open; PAID (with its paidAt) adds its total to the revenue of
-- its UTC month and to the all-time revenue, in its currency.
CREATE FUNCTION billing_count_invoice(p_tenant uuid, p_status invoice_status, p_paid_at timestamptz, p_currency char(3), p_total numeric, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_status = 'OPEN' THEN
    PERFORM billing_bump_stats(p_tenant, 0, 0, 0, 0, p_sign);
  ELSIF p_status = 'PAID' AND p_paid_at IS NOT NULL THEN
    PERFORM billing_bump_revenue(p_tenant, p_paid_at, p_currency, p_sign, p_sign * p_total);
  END IF;
END $$;

CREATE FUNCTION billing_invoices_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.total = NEW.total AND OLD.currency = NEW.currency
      AND OLD.paid_at IS NOT DISTINCT FROM NEW.paid_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM billing_count_invoice(OLD.tenant_id, OLD.status, OLD.paid_at, OLD.currency, OLD.total, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM billing_count_invoice(NEW.tenant_id, NEW.status, NEW.paid_at, NEW.currency, NEW.total, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "subscriptions_stats" AFTER INSERT OR UPDATE OR DELETE ON "subscriptions"
  FOR EACH ROW EXECUTE FUNCTION billing_subscriptions_stats();
CREATE TRIGGER "plans_stats" AFTER INSERT OR UPDATE OR DELETE ON "plans"
  FOR EACH ROW EXECUTE FUNCTION billing_plans_stats();
CREATE TRIGGER "invoices_stats" AFTER INSERT OR UPDATE OR DELETE ON "invoices"
  FOR EACH ROW EXECUTE FUNCTION billing_invoices_stats();

-- Recomputes every stats row the caller's scope shows from the base tables (after a bulk load with
-- the triggers disabled). DELETE, not TRUNCATE: TRUNCATE ignores row-level security, so a
-- tenant-scoped call would wipe other tenants' rows it cannot rebuild.
CREATE FUNCTION billing_rebuild_tenant_stats() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM billing_tenant_stats;
  DELETE FROM billing_tenant_mrr;
  DELETE FROM billing_tenant_revenue;
  DELETE FROM billing_tenant_revenue_totals;

  INSERT INTO billing_tenant_stats (tenant_id, trialing_subscriptions, active_subscriptions, past_due_subscriptions, cancelled_subscriptions, open_invoices)
  SELECT tenant_id, sum(trialing), sum(active), sum(past_due), sum(cancelled), sum(open)
  FROM (
    SELECT tenant_id,
      count(*) FILTER (WHERE status = 'TRIALING') AS trialing, count(*) FILTER (WHERE status = 'ACTIVE') AS active,
      count(*) FILTER (WHERE status = 'PAST_DUE') AS past_due, count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
      0 AS open
    FROM subscriptions GROUP BY tenant_id
    UNION ALL
    SELECT tenant_id, 0, 0, 0, 0, count(*) FROM invoices WHERE status = 'OPEN' GROUP BY tenant_id
  ) counts
  GROUP BY tenant_id;

  INSERT INTO billing_tenant_mrr (tenant_id, currency, interval_months, subscriptions, recurring_amount)
  SELECT s.tenant_id, p.currency, billing_interval_months(p.interval, p.interval_count), count(*), sum(p.amount * s.quantity)
  FROM subscriptions s JOIN plans p ON p.id = s.plan_id
  WHERE s.status IN ('ACTIVE', 'PAST_DUE')
  GROUP BY 1, 2, 3;

  INSERT INTO billing_tenant_revenue (tenant_id, month, currency, paid_invoices, amount)
  SELECT tenant_id, date_trunc('month', paid_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(total)
  FROM invoices WHERE status = 'PAID' AND paid_at IS NOT NULL
  GROUP BY 1, 2, 3;

  INSERT INTO billing_tenant_revenue_totals (tenant_id, currency, paid_invoices, amount)
  SELECT tenant_id, currency, sum(paid_invoices), sum(amount)
  FROM billing_tenant_revenue
  GROUP BY 1, 2;
END $$;

-- Existing rows (demo seeds, earlier writes) get their stats now.
SELECT set_config('app.all_tenants', 'on', true);
SELECT billing_rebuild_tenant_stats();
