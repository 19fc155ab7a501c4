-- Revenue is what was collected: a PAID invoice counts its amount paid less what REFUND credit
-- notes gave back (before, its total, so an invoice settled by credit notes counted in full and a
-- refund changed nothing). The trigger also follows amount_paid and refunded_amount.
CREATE OR REPLACE FUNCTION billing_invoices_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.currency = NEW.currency
      AND OLD.paid_at IS NOT DISTINCT FROM NEW.paid_at
      AND OLD.amount_paid = NEW.amount_paid AND OLD.refunded_amount = NEW.refunded_amount THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM billing_count_invoice(OLD.tenant_id, OLD.status, OLD.paid_at, OLD.currency,
      OLD.amount_paid - OLD.refunded_amount, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM billing_count_invoice(NEW.tenant_id, NEW.status, NEW.paid_at, NEW.currency,
      NEW.amount_paid - NEW.refunded_amount, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION billing_rebuild_tenant_stats() RETURNS void LANGUAGE plpgsql AS $$
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
  SELECT tenant_id, date_trunc('month', paid_at AT TIME ZONE 'UTC')::date, currency, count(*), sum(amount_paid - refunded_amount)
  FROM invoices WHERE status = 'PAID' AND paid_at IS NOT NULL
  GROUP BY 1, 2, 3;

  INSERT INTO billing_tenant_revenue_totals (tenant_id, currency, paid_invoices, amount)
  SELECT tenant_id, currency, sum(paid_invoices), sum(amount)
  FROM billing_tenant_revenue
  GROUP BY 1, 2;
END $$;

SELECT set_config('app.all_tenants', 'on', true);
SELECT billing_rebuild_tenant_stats();
