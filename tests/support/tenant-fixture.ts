import { createHash, randomUUID } from 'node:crypto';
import type { Databases } from './database-clients.ts';

export interface TenantShape {
  users?: { active: boolean; lastLoginAt?: Date }[];
  /** Pending invitations, each with its invited user (not counted in `users`). */
  invitations?: number;
  customers?: number;
  leads?: ('OPEN' | 'WON' | 'LOST')[];
  contentItems?: ('DRAFT' | 'PUBLISHED' | 'ARCHIVED')[];
  mediaFiles?: number;
  pages?: number;
  subscriptions?: ('TRIALING' | 'ACTIVE' | 'PAST_DUE' | 'CANCELLED')[];
  invoices?: ('DRAFT' | 'OPEN' | 'PAID' | 'VOID' | 'UNCOLLECTIBLE')[];
  /** Age of each event in hours. */
  eventAgesHours?: number[];
  /** Webhook endpoints, each with one delivery and one logged attempt. */
  webhookEndpoints?: number;
  /** Public dashboards with a share token (and a funnel widget over the events). */
  sharedDashboards?: number;
  /** An allowed ingestion origin and an identified anonymous id (issue 16), both naming `unique`. */
  ingestion?: boolean;
}

/** Creates a tenant of its own with exactly the given rows in every domain database. */
export async function createTenant(db: Databases, shape: TenantShape = {}) {
  const unique = randomUUID().slice(0, 8);
  const tenant = await db.auth.tenant.create({ data: { slug: `test-${unique}`, name: `Test tenant ${unique}` } });
  await fillTenant(db, tenant.id, shape, unique);
  return tenant;
}

/** Adds exactly the given rows for an existing tenant; `unique` appears in every text it writes. */
export async function fillTenant(db: Databases, tenantId: string, shape: TenantShape, unique: string) {
  const now = Date.now();

  await db.auth.user.createMany({
    data: (shape.users ?? []).map((user, i) => ({
      tenantId,
      email: `user${i}-${unique}@example.test`,
      passwordHash: 'not-a-login',
      role: 'CLIENT' as const,
      active: user.active,
      lastLoginAt: user.lastLoginAt ?? null,
    })),
  });
  for (let i = 0; i < (shape.webhookEndpoints ?? 0); i += 1)
    await createWebhookEndpoint(db, tenantId, `${unique}-${i}`);
  for (let i = 0; i < (shape.invitations ?? 0); i += 1) {
    const email = `invited${i}-${unique}@example.test`;
    const user = await db.auth.user.create({ data: { tenantId, email, passwordHash: 'not-a-login', role: 'CLIENT' } });
    await db.auth.invitation.create({
      data: {
        tenantId,
        userId: user.id,
        email,
        role: 'CLIENT',
        tokenHash: `fixture-${i}-${unique}`,
        expiresAt: new Date(now + 7 * 86_400_000),
      },
    });
  }
  await db.crm.customer.createMany({
    data: Array.from({ length: shape.customers ?? 0 }, (_, i) => ({
      tenantId,
      email: `customer${i}-${unique}@example.test`,
      firstName: `Ada ${unique}`,
      lastName: `Customer ${i} ${unique}`,
    })),
  });
  if (shape.leads?.length) {
    const pipeline = await db.crm.pipeline.create({ data: { tenantId, name: 'Sales' } });
    const stage = await db.crm.pipelineStage.create({
      data: { tenantId, pipelineId: pipeline.id, name: 'New', position: 0 },
    });
    await db.crm.lead.createMany({
      data: shape.leads.map((status, i) => ({
        tenantId,
        title: `Deal ${i} ${unique}`,
        pipelineId: pipeline.id,
        stageId: stage.id,
        status,
      })),
    });
  }
  if (shape.contentItems?.length) {
    const type = await db.cms.contentType.create({ data: { tenantId, slug: 'article', name: 'Article' } });
    await db.cms.contentItem.createMany({
      data: shape.contentItems.map((status, i) => ({
        tenantId,
        contentTypeId: type.id,
        title: `Item ${i} ${unique}`,
        slug: `item-${i}-${unique}`,
        authorId: randomUUID(),
        status,
      })),
    });
  }
  await db.cms.mediaFile.createMany({
    data: Array.from({ length: shape.mediaFiles ?? 0 }, (_, i) => ({
      tenantId,
      name: `file-${i}.png`,
      mimeType: 'image/png',
      size: 1024n,
      path: `media/${unique}/${i}.png`,
      url: `/media/${unique}/${i}.png`,
      uploaderId: randomUUID(),
    })),
  });
  await db.cms.page.createMany({
    data: Array.from({ length: shape.pages ?? 0 }, (_, i) => ({
      tenantId,
      title: `Page ${i} ${unique}`,
      slug: `page-${i}-${unique}`,
    })),
  });
  if (shape.subscriptions?.length) {
    const plan = await db.billing.plan.create({ data: { tenantId, name: 'Pro', amount: '49.0000' } });
    await db.billing.subscription.createMany({
      data: shape.subscriptions.map((status) => ({
        tenantId,
        customerId: randomUUID(),
        planId: plan.id,
        status,
        currentPeriodStart: new Date(now),
        currentPeriodEnd: new Date(now + 30 * 86_400_000),
      })),
    });
    await fillBillingEngine(db, tenantId, plan.id, unique, new Date(now));
  }
  await db.billing.invoice.createMany({
    data: (shape.invoices ?? []).map((status, i) => ({
      tenantId,
      number: `INV-${unique}-${i}`,
      customerId: randomUUID(),
      status,
    })),
  });
  await db.analytics.event.createMany({
    data: (shape.eventAgesHours ?? []).map((hours, i) => ({
      tenantId,
      name: `page_view_${unique}`,
      idempotencyKey: `${unique}-${i}`,
      occurredAt: new Date(now - hours * 3_600_000),
    })),
  });
  await db.analytics.dashboard.createMany({
    data: Array.from({ length: shape.sharedDashboards ?? 0 }, (_, i) => ({
      tenantId,
      name: `Shared ${i} ${unique}`,
      isPublic: true,
      createdById: randomUUID(),
      shareTokenHash: createHash('sha256').update(`secret-${unique}-${i}`).digest('hex'),
      widgets: [
        {
          type: 'funnel',
          metric: 'events.count',
          title: `Funnel ${unique}`,
          query: { steps: [{ name: `page_view_${unique}` }, { name: 'signup' }], lastDays: 7 },
        },
      ],
    })),
  });
  if (shape.ingestion) {
    await db.analytics.ingestionSettings.create({ data: { tenantId, allowedOrigins: [`https://${unique}.example`] } });
    await db.analytics.personAlias.create({ data: { tenantId, anonymousId: `anon-${unique}`, userId: randomUUID() } });
  }
}

/** An endpoint (never delivered to: its host does not resolve) with one failed delivery in its log. */
async function createWebhookEndpoint(db: Databases, tenantId: string, unique: string) {
  const endpoint = await db.auth.webhookEndpoint.create({
    data: { tenantId, url: `https://hooks-${unique}.example.test/`, description: unique, secretEncrypted: 'v1.x.y.z' },
  });
  const delivery = await db.auth.webhookDelivery.create({
    data: {
      tenantId,
      endpointId: endpoint.id,
      eventId: randomUUID(),
      eventType: 'customer.created',
      body: JSON.stringify({ type: 'customer.created', data: { marker: unique } }),
      status: 'FAILED',
      attempts: 1,
    },
  });
  await db.auth.webhookDeliveryAttempt.create({
    data: { tenantId, deliveryId: delivery.id, statusCode: 500, durationMs: 12 },
  });
}

/**
 * A row of every billing-engine entity (issue 15) for the first subscription of the tenant: metric,
 * plan charge, usage event, pending item, coupon applied with its invoice discount, credit note with
 * its line and counter, dunning reminder.
 */
async function fillBillingEngine(db: Databases, tenantId: string, planId: string, unique: string, at: Date) {
  const subscription = await db.billing.subscription.findFirstOrThrow({ where: { tenantId, planId } });
  const metric = await db.billing.billableMetric.create({
    data: { tenantId, code: `calls_${unique}`.toLowerCase().slice(0, 64), name: 'Calls', aggregation: 'COUNT' },
  });
  await db.billing.planCharge.create({
    data: { tenantId, planId, billableMetricId: metric.id, model: 'STANDARD', properties: { unitAmount: '0.01' } },
  });
  await db.billing.usageEvent.create({
    data: {
      tenantId,
      subscriptionId: subscription.id,
      billableMetricId: metric.id,
      metricCode: metric.code,
      occurredAt: at,
      idempotencyKey: `usage-${unique}`,
    },
  });
  const invoice = await db.billing.invoice.create({
    data: {
      tenantId,
      number: `INV-${unique}-engine`,
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
    },
  });
  const line = await db.billing.invoiceLineItem.create({
    data: { tenantId, invoiceId: invoice.id, description: 'Plan', unitPrice: '0', amount: '0' },
  });
  await db.billing.pendingInvoiceItem.create({
    data: {
      tenantId,
      subscriptionId: subscription.id,
      kind: 'ADJUSTMENT',
      description: `Adjustment ${unique}`,
      unitPrice: '1',
      amount: '1',
      sourceKey: `pending-${unique}`,
    },
  });
  const coupon = await db.billing.coupon.create({
    data: {
      tenantId,
      code: `c-${unique}`.toLowerCase().slice(0, 64),
      name: 'Ten',
      kind: 'PERCENTAGE',
      percentOff: '10',
      duration: 'FOREVER',
    },
  });
  const applied = await db.billing.appliedCoupon.create({
    data: { tenantId, couponId: coupon.id, subscriptionId: subscription.id },
  });
  await db.billing.invoiceDiscount.create({
    data: {
      tenantId,
      invoiceId: invoice.id,
      appliedCouponId: applied.id,
      couponId: coupon.id,
      description: 'Ten',
      amount: '0',
    },
  });
  const note = await db.billing.creditNote.create({
    data: {
      tenantId,
      number: `CN-${unique}`,
      invoiceId: invoice.id,
      customerId: subscription.customerId,
      currency: 'USD',
      reason: 'OTHER',
      settlement: 'REFUND',
      subtotal: '0',
      total: '0',
    },
  });
  await db.billing.creditNoteLine.create({
    data: { tenantId, creditNoteId: note.id, invoiceLineItemId: line.id, description: 'Plan', amount: '0' },
  });
  await db.billing.creditNoteNumberCounter.create({ data: { tenantId, lastValue: 1 } });
  await db.billing.dunningReminder.create({ data: { tenantId, invoiceId: invoice.id, step: 1 } });
}
