import type pg from 'pg';
import { copyRows, type CopyValue } from './copy.ts';
import {
  customerId,
  daysBefore,
  idKind,
  iso,
  pipelineStages,
  userCount,
  userId,
  type ScalePlan,
  type TenantPlan,
} from './plan.ts';
import type { Progress } from './progress.ts';
import { randomFor, seedId } from './random.ts';

export const crmTables = ['interactions', 'leads', 'pipeline_stages', 'pipelines', 'customers'] as const;

const firstNames = [
  'Ava',
  'Ben',
  'Chloe',
  'Dan',
  'Eva',
  'Finn',
  'Gia',
  'Hugo',
  'Iris',
  'Jon',
  'Kim',
  'Leo',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
];
const lastNames = [
  'Smith',
  'Jones',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Tanaka',
  'Novak',
  'Silva',
  'Berg',
  'Kowalski',
  'Moreau',
];
const customerStatuses = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'PROSPECT', 'LEAD', 'INACTIVE', 'CHURNED'] as const;
const sources = ['web', 'referral', 'event', 'ads', 'partner'] as const;
const interactionTypes = ['EMAIL', 'CALL', 'MEETING', 'NOTE'] as const;

const pipelineId = (tenant: TenantPlan) => seedId(idKind.pipeline, tenant.index, 0);
const stageId = (tenant: TenantPlan, position: number) => seedId(idKind.stage, tenant.index, position);
const leadId = (tenant: TenantPlan, row: number) => seedId(idKind.lead, tenant.index, row);
const anyUser = (tenant: TenantPlan, random: ReturnType<typeof randomFor>) =>
  userId(tenant, random.int(userCount(tenant)));

function* customerRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('customers', tenant.index);
    for (let row = 0; row < tenant.customers; row += 1) {
      const created = iso(daysBefore(plan.anchor, random.next() * 1095));
      const tags = random.chance(0.3) ? `{vip,${random.pick(sources)}}` : '{}';
      yield [
        customerId(tenant, row),
        tenant.id,
        `customer${row}@${tenant.slug}.example.com`,
        random.pick(firstNames),
        random.pick(lastNames),
        random.chance(0.7) ? `Company ${random.int(5000)}` : null,
        random.chance(0.5) ? `+1555${String(random.int(10_000_000)).padStart(7, '0')}` : null,
        random.pick(customerStatuses),
        random.pick(sources),
        tags,
        userId(tenant, 0),
        created,
        created,
      ];
    }
  }
}

function* pipelineRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    yield [
      pipelineId(tenant),
      tenant.id,
      'Sales',
      true,
      iso(daysBefore(plan.anchor, 1000)),
      iso(daysBefore(plan.anchor, 1000)),
    ];
  }
}

function* stageRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    for (const [position, stage] of pipelineStages.entries()) {
      yield [stageId(tenant, position), tenant.id, pipelineId(tenant), stage.name, position, stage.probability];
    }
  }
}

/** 60 % open, 25 % won, 15 % lost; mostly USD. A lead names a customer when its tenant has any. */
function* leadRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('leads', tenant.index);
    for (let row = 0; row < tenant.leads; row += 1) {
      const roll = random.next();
      const status = roll < 0.6 ? 'OPEN' : roll < 0.85 ? 'WON' : 'LOST';
      const position = status === 'OPEN' ? random.int(pipelineStages.length) : pipelineStages.length - 1;
      const createdAt = daysBefore(plan.anchor, random.next() * 730);
      const closedAt = status === 'OPEN' ? null : iso(new Date(createdAt.getTime() + random.int(60) * 86_400_000));
      const customer =
        tenant.customers > 0 && random.chance(0.9) ? customerId(tenant, random.int(tenant.customers)) : null;
      const close = daysBefore(plan.anchor, -random.int(120)).toISOString().slice(0, 10);
      yield [
        leadId(tenant, row),
        tenant.id,
        `Deal ${row + 1}`,
        (random.int(5_000_000) / 100).toFixed(2),
        random.chance(0.85) ? 'USD' : 'EUR',
        pipelineId(tenant),
        stageId(tenant, position),
        status === 'WON' ? 100 : status === 'LOST' ? 0 : pipelineStages[position]!.probability,
        close,
        anyUser(tenant, random),
        customer,
        random.pick(sources),
        status,
        status === 'LOST' ? 'Budget' : null,
        closedAt,
        userId(tenant, 0),
        iso(createdAt),
        closedAt ?? iso(createdAt),
      ];
    }
  }
}

function* interactionRows(plan: ScalePlan): Generator<CopyValue[]> {
  for (const tenant of plan.tenants) {
    const random = randomFor('interactions', tenant.index);
    for (let row = 0; row < tenant.interactions; row += 1) {
      const user = anyUser(tenant, random);
      const at = daysBefore(plan.anchor, random.next() * 365 - 14);
      const done = at.getTime() < plan.anchor.getTime() ? iso(at) : null;
      const lead = tenant.leads > 0 && random.chance(0.3) ? leadId(tenant, random.int(tenant.leads)) : null;
      const type = random.pick(interactionTypes);
      yield [
        seedId(idKind.interaction, tenant.index, row),
        tenant.id,
        type,
        `${type.toLowerCase()} #${row + 1}`,
        'Talked about next steps.',
        iso(at),
        done,
        user,
        user,
        customerId(tenant, random.int(tenant.customers)),
        lead,
        iso(at),
        iso(at),
      ];
    }
  }
}

export async function seedCrm(client: pg.Client, plan: ScalePlan, progress: Progress): Promise<void> {
  const stamps = ['created_at', 'updated_at'];
  await copyRows(
    client,
    'customers',
    [
      'id',
      'tenant_id',
      'email',
      'first_name',
      'last_name',
      'company',
      'phone',
      'status',
      'source',
      'tags',
      'created_by_id',
      ...stamps,
    ],
    customerRows(plan),
    progress,
  );
  await copyRows(
    client,
    'pipelines',
    ['id', 'tenant_id', 'name', 'is_default', ...stamps],
    pipelineRows(plan),
    progress,
  );
  await copyRows(
    client,
    'pipeline_stages',
    ['id', 'tenant_id', 'pipeline_id', 'name', 'position', 'probability'],
    stageRows(plan),
    progress,
  );
  await copyRows(
    client,
    'leads',
    [
      'id',
      'tenant_id',
      'title',
      'value',
      'currency',
      'pipeline_id',
      'stage_id',
      'probability',
      'expected_close_date',
      'assignee_id',
      'customer_id',
      'source',
      'status',
      'lost_reason',
      'closed_at',
      'created_by_id',
      ...stamps,
    ],
    leadRows(plan),
    progress,
  );
  await copyRows(
    client,
    'interactions',
    [
      'id',
      'tenant_id',
      'type',
      'subject',
      'body',
      'scheduled_at',
      'completed_at',
      'user_id',
      'created_by_id',
      'customer_id',
      'lead_id',
      ...stamps,
    ],
    interactionRows(plan),
    progress,
  );
}
