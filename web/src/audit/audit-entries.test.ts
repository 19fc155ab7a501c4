import { expect, test } from 'vitest';
import type { AuditTrailQuery } from '../generated/operations.ts';
import { entityTypesOf, mergeAuditTrails } from './audit-entries.ts';

const entry = (id: string, action: string, entityType: string, createdAt: string) => ({
  __typename: 'AuditLogEntry' as const,
  id,
  tenantId: 't1',
  actorId: null,
  actorRole: 'ADMIN',
  action,
  entityType,
  entityId: null,
  changes: null,
  requestId: null,
  createdAt,
});

const trail = (...nodes: ReturnType<typeof entry>[]) => ({
  __typename: 'AuditLogConnection' as const,
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ __typename: 'AuditLogEdge' as const, node })),
});

const data: AuditTrailQuery = {
  __typename: 'Query',
  auth: trail(entry('a1', 'user.create', 'User', '2026-01-01T10:00:00Z')),
  crm: trail(entry('c1', 'customer.update', 'Customer', '2026-01-03T10:00:00Z')),
  cms: trail(),
  billing: trail(entry('b1', 'subscription.create', 'Subscription', '2026-01-02T10:00:00Z')),
  analytics: trail(),
};

test('the five trails merge into one list, newest first, each entry naming its service', () => {
  expect(mergeAuditTrails(data)?.map((row) => `${row.service}:${row.id}`)).toEqual(['crm:c1', 'billing:b1', 'auth:a1']);
});

test('service, entity and action filters narrow the merged list', () => {
  expect(mergeAuditTrails(data, { service: 'auth' })?.map((row) => row.id)).toEqual(['a1']);
  expect(mergeAuditTrails(data, { entityType: 'Subscription' })?.map((row) => row.id)).toEqual(['b1']);
  expect(mergeAuditTrails(data, { action: 'UPDATE' })?.map((row) => row.id)).toEqual(['c1']);
  expect(entityTypesOf(data)).toEqual(['Customer', 'Subscription', 'User']);
  expect(mergeAuditTrails(undefined)).toBeUndefined();
});
