import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type DataScope, allTenants, narrowerScope, scopeArgs } from './tenant-scope.ts';

const tenantA = '11111111-1111-4111-8111-111111111111';
const tenantB = '22222222-2222-4222-8222-222222222222';
const inA: DataScope = { kind: 'tenant', tenantId: tenantA };
const none: DataScope = { kind: 'none' };
const keys = { Customer: 'tenantId', Tenant: 'id' };

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'other';
  }
  return 'accepted';
};

describe('scopeArgs', () => {
  it('ANDs the tenant into reads without replacing the caller’s filter', () => {
    expect(scopeArgs(inA, 'Customer', 'findMany', { where: { status: 'ACTIVE', AND: { a: 1 } } }, keys)).toEqual({
      where: { status: 'ACTIVE', AND: [{ a: 1 }, { tenantId: tenantA }] },
    });
    expect(scopeArgs(inA, 'Tenant', 'findUnique', { where: { id: tenantB } }, keys)).toEqual({
      where: { id: tenantB, AND: [{ id: tenantA }] },
    });
  });

  it('fills the tenant into creates and refuses another tenant’s', () => {
    expect(scopeArgs(inA, 'Customer', 'create', { data: { name: 'x' } }, keys)).toEqual({
      data: { name: 'x', tenantId: tenantA },
    });
    expect(scopeArgs(inA, 'Customer', 'createMany', { data: [{}, { tenantId: tenantA }] }, keys)).toEqual({
      data: [{ tenantId: tenantA }, { tenantId: tenantA }],
    });
    expect(codeOf(() => scopeArgs(inA, 'Customer', 'create', { data: { tenantId: tenantB } }, keys))).toBe('FORBIDDEN');
  });

  it('scopes updates and upserts, refusing a move to another tenant', () => {
    expect(scopeArgs(inA, 'Customer', 'update', { where: { id: 'c' }, data: { name: 'y' } }, keys)).toEqual({
      where: { id: 'c', AND: [{ tenantId: tenantA }] },
      data: { name: 'y' },
    });
    expect(
      codeOf(() => scopeArgs(inA, 'Customer', 'update', { where: { id: 'c' }, data: { tenantId: tenantB } }, keys)),
    ).toBe('FORBIDDEN');
    expect(scopeArgs(inA, 'Customer', 'upsert', { where: { id: 'c' }, create: {}, update: {} }, keys)).toEqual({
      where: { id: 'c', AND: [{ tenantId: tenantA }] },
      create: { tenantId: tenantA },
      update: {},
    });
  });

  it('shows an anonymous scope nothing and lets it create nothing', () => {
    expect(scopeArgs(none, 'Customer', 'findMany', {}, keys)).toEqual({ where: { AND: [{ tenantId: { in: [] } }] } });
    expect(codeOf(() => scopeArgs(none, 'Customer', 'create', { data: {} }, keys))).toBe('FORBIDDEN');
  });

  it('leaves all-tenant work and models without a tenant key alone', () => {
    const args = { where: { id: 'x' } };
    expect(scopeArgs(allTenants, 'Customer', 'findMany', args, keys)).toBe(args);
    expect(scopeArgs(inA, 'Plan', 'findMany', args, keys)).toBe(args);
    expect(scopeArgs(inA, undefined, 'findMany', args, keys)).toBe(args);
  });
});

describe('narrowerScope', () => {
  it('keeps the rows both scopes allow', () => {
    expect(narrowerScope(allTenants, inA)).toEqual(inA);
    expect(narrowerScope(inA, allTenants)).toEqual(inA);
    expect(narrowerScope(allTenants, allTenants)).toEqual(allTenants);
    expect(narrowerScope(inA, { kind: 'tenant', tenantId: tenantA })).toEqual(inA);
    expect(narrowerScope(inA, { kind: 'tenant', tenantId: tenantB })).toEqual(none);
    expect(narrowerScope(none, inA)).toEqual(none);
    expect(narrowerScope(inA, none)).toEqual(none);
  });
});
