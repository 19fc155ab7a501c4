import { randomUUID } from 'node:crypto';
import type { Databases } from './databases.ts';

/**
 * Rows for the N+1 tests (tests/query-counts.test.ts), written straight to the databases: many
 * parents, each with children on every hop the queries follow.
 */

/** `customers` customers with two leads and two interactions each. */
export async function fillCrm(db: Databases, tenantId: string, assigneeId: string, customers: number) {
  const pipelineId = randomUUID();
  const stageIds = [randomUUID(), randomUUID()];
  await db.crm.pipeline.create({ data: { id: pipelineId, tenantId, name: 'Sales', isDefault: true } });
  await db.crm.pipelineStage.createMany({
    data: stageIds.map((id, position) => ({ id, tenantId, pipelineId, name: `Stage ${position}`, position })),
  });
  const customerRows = Array.from({ length: customers }, (_, i) => ({
    id: randomUUID(),
    tenantId,
    email: `n1-${i}-${randomUUID()}@example.test`,
    firstName: 'N',
    lastName: `${i}`,
  }));
  await db.crm.customer.createMany({ data: customerRows });
  const leadRows = customerRows.flatMap((customer) =>
    stageIds.map((stageId) => ({
      id: randomUUID(),
      tenantId,
      title: 'Deal',
      pipelineId,
      stageId,
      customerId: customer.id,
      assigneeId,
    })),
  );
  await db.crm.lead.createMany({ data: leadRows });
  await db.crm.interaction.createMany({
    data: leadRows.map((lead) => ({
      tenantId,
      type: 'CALL' as const,
      customerId: lead.customerId,
      leadId: lead.id,
      userId: assigneeId,
    })),
  });
}

/** `count` CRM customers, each with a subscription, two invoices of two lines and one usage record billed by the first. */
export async function fillBilling(db: Databases, tenantId: string, count: number) {
  const planId = randomUUID();
  await db.billing.plan.create({ data: { id: planId, tenantId, name: 'Counted', amount: '10' } });
  const customers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    tenantId,
    email: `bill-n1-${i}-${randomUUID()}@example.test`,
    firstName: 'N',
    lastName: `${i}`,
  }));
  await db.crm.customer.createMany({ data: customers });
  const start = Date.UTC(2026, 0, 1);
  const subscriptions = customers.map((customer) => ({
    id: randomUUID(),
    tenantId,
    customerId: customer.id,
    planId,
    currentPeriodStart: new Date(start),
    currentPeriodEnd: new Date(start + 30 * 86_400_000),
  }));
  await db.billing.subscription.createMany({ data: subscriptions });
  const invoices = subscriptions.flatMap((subscription, i) =>
    [0, 1].map((month) => ({
      id: randomUUID(),
      tenantId,
      number: `N1-${i}-${month}`,
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      periodStart: new Date(Date.UTC(2026, month, 1)),
      periodEnd: new Date(Date.UTC(2026, month + 1, 1)),
    })),
  );
  await db.billing.invoice.createMany({ data: invoices });
  await db.billing.invoiceLineItem.createMany({
    data: invoices.flatMap((invoice) =>
      [0, 1].map((position) => ({
        tenantId,
        invoiceId: invoice.id,
        position,
        description: `Line ${position}`,
        unitPrice: '0',
        amount: '0',
      })),
    ),
  });
  const metric = await db.billing.billableMetric.create({
    data: { tenantId, code: 'api_calls', name: 'API calls', aggregation: 'COUNT' },
  });
  await db.billing.usageEvent.createMany({
    data: subscriptions.map((subscription, i) => ({
      tenantId,
      subscriptionId: subscription.id,
      billableMetricId: metric.id,
      metricCode: metric.code,
      occurredAt: new Date(start),
      idempotencyKey: `fixture-${subscription.id}-${i}`,
    })),
  });
}

/** `count` items of one content type with two earlier revisions each, and `count` root pages with two children each. */
export async function fillCms(
  db: Databases,
  tenantId: string,
  authorId: string,
  count: number,
): Promise<{ typeId: string }> {
  const type = await db.cms.contentType.create({
    data: {
      tenantId,
      slug: 'n1',
      name: 'N+1',
      fields: [{ name: 'body', label: 'Body', type: 'TEXT', required: false }],
    },
  });
  const items = await db.cms.contentItem.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      tenantId,
      contentTypeId: type.id,
      title: `Item ${i}`,
      slug: `item-${i}`,
      authorId,
      version: 3,
    })),
  });
  await db.cms.contentRevision.createMany({
    data: items.flatMap((item) =>
      [1, 2].map((version) => ({
        tenantId,
        contentItemId: item.id,
        version,
        title: `${item.title} v${version}`,
        data: {},
        status: 'DRAFT' as const,
        authorId: item.authorId,
      })),
    ),
  });
  const roots = await db.cms.page.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({ tenantId, title: `Root ${i}`, slug: `root-${i}`, sortOrder: i })),
  });
  await db.cms.page.createMany({
    data: roots.flatMap((root, i) =>
      [0, 1].map((n) => ({
        tenantId,
        parentId: root.id,
        title: `Child ${i}.${n}`,
        slug: `child-${i}-${n}`,
        sortOrder: n,
      })),
    ),
  });
  return { typeId: type.id };
}
