import {
  allTenants,
  demoCustomerCount,
  demoCustomerId,
  demoId,
  demoSampleTenants,
  demoTenant,
  demoUsers,
} from '@codex/kit';
import { scopeCrmDatabase, type CrmDatabase } from './db.ts';

/**
 * Demo CRM data: customers for every demo tenant (ids shared with billing and analytics through
 * `demoCustomerId`), a default pipeline, leads across its stages assigned to jane and john, and
 * interactions. The demo tenant also gets a second pipeline and interactions planned in the days
 * after the first start (for the "upcoming" screens); john (CLIENT) created some customers and
 * leads, so "R/W own" shows. Idempotent and safe to run concurrently (fixed ids, ON CONFLICT DO NOTHING).
 */
const firstNames = ['Alice', 'Bob', 'Carla', 'David', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas'];
const lastNames = ['Martin', 'Nguyen', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Vega'];
const companies = ['Northwind', 'Contoso', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Hooli'];
const statuses = ['ACTIVE', 'ACTIVE', 'PROSPECT', 'LEAD', 'INACTIVE', 'CHURNED'] as const;
const partnerStages = [
  { key: 'contacted', name: 'Contacted', probability: 20 },
  { key: 'agreement', name: 'Agreement drafted', probability: 60 },
  { key: 'signed', name: 'Signed', probability: 100 },
];
const stages = [
  { key: 'new', name: 'New', probability: 10 },
  { key: 'qualified', name: 'Qualified', probability: 30 },
  { key: 'proposal', name: 'Proposal', probability: 60 },
  { key: 'negotiation', name: 'Negotiation', probability: 80 },
  { key: 'closed', name: 'Closed', probability: 100 },
];

export async function seedCrmDemo(unscoped: CrmDatabase): Promise<void> {
  // Demo data spans several tenants: cross them explicitly (row-level security shows nothing otherwise).
  const db = scopeCrmDatabase(unscoped, allTenants);
  const tenants = [
    { id: demoTenant.id, slug: demoTenant.slug, customers: demoCustomerCount.demo },
    ...demoSampleTenants.map((tenant) => ({ id: tenant.id, slug: tenant.slug, customers: demoCustomerCount.sample })),
  ];
  await db.customer.createMany({ data: tenants.flatMap((tenant) => customerRows(tenant)), skipDuplicates: true });
  await db.pipeline.createMany({
    data: tenants.map((tenant) => ({
      id: demoId(`crm.pipeline.${tenant.id}`),
      tenantId: tenant.id,
      name: 'Sales',
      isDefault: true,
    })),
    skipDuplicates: true,
  });
  await db.pipelineStage.createMany({
    data: tenants.flatMap((tenant) =>
      stages.map((stage, position) => ({
        id: demoId(`crm.stage.${tenant.id}.${stage.key}`),
        tenantId: tenant.id,
        pipelineId: demoId(`crm.pipeline.${tenant.id}`),
        name: stage.name,
        position,
        probability: stage.probability,
      })),
    ),
    skipDuplicates: true,
  });
  await seedPartnerPipeline(db);
  await db.lead.createMany({ data: leadRows(), skipDuplicates: true });
  await db.interaction.createMany({
    data: [...interactionRows(), ...upcomingInteractionRows(new Date())],
    skipDuplicates: true,
  });
}

function customerRows(tenant: { id: string; slug: string; customers: number }) {
  return Array.from({ length: tenant.customers }, (_, i) => {
    const firstName = firstNames[i % firstNames.length]!;
    const lastName = lastNames[(i * 3) % lastNames.length]!;
    return {
      id: demoCustomerId(tenant.id, i),
      tenantId: tenant.id,
      email: `${firstName}.${lastName}.${i}@${tenant.slug}-customer.example`.toLowerCase(),
      firstName,
      lastName,
      company: companies[i % companies.length]!,
      phone: `+1-555-01${String(i).padStart(2, '0')}`,
      address: { street: `${100 + i} Main Street`, city: i % 2 ? 'Berlin' : 'Austin', country: i % 2 ? 'DE' : 'US' },
      status: statuses[i % statuses.length]!,
      source: i % 3 === 0 ? 'website' : i % 3 === 1 ? 'referral' : 'event',
      tags: i % 4 === 0 ? ['vip', 'newsletter'] : ['newsletter'],
      customFields: { segment: i % 2 ? 'smb' : 'enterprise' },
      createdById: i % 5 === 4 ? demoUsers.client.id : demoUsers.admin.id,
      createdAt: new Date(Date.UTC(2025, 0, 1 + i)),
    };
  });
}

function leadRows() {
  const tenantId = demoTenant.id;
  return Array.from({ length: 10 }, (_, i) => {
    const stage = stages[i % stages.length]!;
    const won = stage.key === 'closed' && i % 2 === 0;
    const lost = stage.key === 'closed' && !won;
    return {
      id: demoId(`crm.lead.${tenantId}.${i}`),
      tenantId,
      title: `${companies[i % companies.length]} ${['renewal', 'expansion', 'pilot', 'migration'][i % 4]}`,
      value: String(5000 + i * 2500),
      currency: 'USD',
      pipelineId: demoId(`crm.pipeline.${tenantId}`),
      stageId: demoId(`crm.stage.${tenantId}.${stage.key}`),
      probability: lost ? 0 : stage.probability,
      expectedCloseDate: new Date(Date.UTC(2025, 6, 1 + i * 3)),
      assigneeId: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
      customerId: demoCustomerId(tenantId, i),
      source: i % 2 ? 'inbound' : 'outbound',
      status: won ? ('WON' as const) : lost ? ('LOST' as const) : ('OPEN' as const),
      lostReason: lost ? 'Chose a competitor' : null,
      closedAt: won || lost ? new Date(Date.UTC(2025, 5, 1 + i)) : null,
      createdById: i % 4 === 3 ? demoUsers.client.id : demoUsers.admin.id,
      createdAt: new Date(Date.UTC(2025, 1, 1 + i)),
    };
  });
}

function interactionRows() {
  const tenantId = demoTenant.id;
  const types = ['EMAIL', 'CALL', 'MEETING', 'NOTE'] as const;
  return Array.from({ length: 16 }, (_, i) => {
    const done = i % 3 !== 0;
    return {
      id: demoId(`crm.interaction.${tenantId}.${i}`),
      tenantId,
      type: types[i % types.length]!,
      subject: `${types[i % types.length]!.toLowerCase()} about ${companies[i % companies.length]}`,
      body: 'Discussed requirements and next steps.',
      scheduledAt: new Date(Date.UTC(2025, 2, 1 + i, 14)),
      completedAt: done ? new Date(Date.UTC(2025, 2, 1 + i, 15)) : null,
      userId: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
      customerId: demoCustomerId(tenantId, i % 10),
      leadId: i < 10 ? demoId(`crm.lead.${tenantId}.${i}`) : null,
      createdById: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
      createdAt: new Date(Date.UTC(2025, 2, 1 + i)),
    };
  });
}

/** A second, non-default pipeline of the demo tenant, with one open deal. */
async function seedPartnerPipeline(db: CrmDatabase) {
  const tenantId = demoTenant.id;
  const pipelineId = demoId(`crm.pipeline.${tenantId}.partners`);
  await db.pipeline.createMany({
    data: [{ id: pipelineId, tenantId, name: 'Partnerships', isDefault: false }],
    skipDuplicates: true,
  });
  await db.pipelineStage.createMany({
    data: partnerStages.map((stage, position) => ({
      id: demoId(`crm.stage.${tenantId}.partners.${stage.key}`),
      tenantId,
      pipelineId,
      name: stage.name,
      position,
      probability: stage.probability,
    })),
    skipDuplicates: true,
  });
  await db.lead.createMany({
    data: [
      {
        id: demoId(`crm.lead.${tenantId}.partners.0`),
        tenantId,
        title: 'Hooli reseller agreement',
        value: '25000',
        currency: 'EUR',
        pipelineId,
        stageId: demoId(`crm.stage.${tenantId}.partners.agreement`),
        probability: 60,
        assigneeId: demoUsers.admin.id,
        customerId: demoCustomerId(tenantId, 6),
        source: 'partner',
        createdById: demoUsers.admin.id,
        createdAt: new Date(Date.UTC(2025, 3, 1)),
      },
    ],
    skipDuplicates: true,
  });
}

/** Calls and meetings planned 1–4 days after the first start: fixed ids, so later starts keep them as they are. */
function upcomingInteractionRows(now: Date) {
  const tenantId = demoTenant.id;
  const day = 86_400_000;
  return (['MEETING', 'CALL', 'MEETING', 'CALL'] as const).map((type, i) => ({
    id: demoId(`crm.interaction.${tenantId}.upcoming.${i}`),
    tenantId,
    type,
    subject: `${type === 'CALL' ? 'Follow-up call' : 'Demo meeting'} with ${companies[i % companies.length]}`,
    body: 'Planned from the CRM.',
    scheduledAt: new Date(now.getTime() + (i + 1) * day),
    completedAt: null,
    userId: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
    customerId: demoCustomerId(tenantId, i),
    leadId: demoId(`crm.lead.${tenantId}.${i}`),
    createdById: i % 2 === 0 ? demoUsers.admin.id : demoUsers.client.id,
    createdAt: now,
  }));
}
