import { expect, test } from 'vitest';
import type { AuditTrailQuery } from '../generated/operations.ts';
import {
  appendOlderPages,
  auditTrailTotals,
  entityTypesOf,
  mergeAuditTrails,
  olderPageVariables,
} from './audit-entries.ts';

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
  pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
  edges: nodes.map((node) => ({ __typename: 'AuditLogEdge' as const, node })),
});

/** A trail with older entries still on the server. */
const partial = (total: number, ...nodes: ReturnType<typeof entry>[]) => {
  const loaded = trail(...nodes);
  return { ...loaded, totalCount: total, pageInfo: { ...loaded.pageInfo, hasNextPage: true } };
};

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

test('entries older than the last loaded one of a trail with more pages wait until that trail loads further', () => {
  const loaded: AuditTrailQuery = {
    ...data,
    // Auth has older entries on the server: everything before 2026-01-02T12:00 may still miss some of them.
    auth: partial(5, entry('a2', 'user.update', 'User', '2026-01-02T12:00:00Z')),
  };
  expect(mergeAuditTrails(loaded)?.map((row) => row.id)).toEqual(['c1', 'a2']);
  expect(auditTrailTotals(loaded)).toEqual({ hasMore: true, total: 7 });
  expect(olderPageVariables(loaded)).toMatchObject({ authAfter: 'a2', crmAfter: 'c1', cmsAfter: null });

  const older: AuditTrailQuery = {
    ...data,
    auth: trail(entry('a1', 'user.create', 'User', '2026-01-01T10:00:00Z')),
    crm: trail(entry('c1', 'customer.update', 'Customer', '2026-01-03T10:00:00Z')),
  };
  const merged = appendOlderPages(loaded, older);
  // Only the trail that had more pages grows; the others keep what they had.
  expect(merged.auth.edges.map((edge) => edge.node.id)).toEqual(['a2', 'a1']);
  expect(merged.crm).toBe(loaded.crm);
  expect(mergeAuditTrails(merged)?.map((row) => row.id)).toEqual(['c1', 'a2', 'b1', 'a1']);
  expect(auditTrailTotals(merged).hasMore).toBe(false);
});
