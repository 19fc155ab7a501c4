import {
  readTypeDefs,
  machineScopeFromName,
  machineScopeName,
  machineScopeNameOf,
  machineScopeNames,
  machineScopes,
} from '@codex/kit';
import { Kind, type EnumValueDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';

/** The values of `enum MachineScope` in Auth's SDL, descriptions included. */
const sdlEnumValues = (): readonly EnumValueDefinitionNode[] =>
  readTypeDefs(new URL('../../../schema/auth.graphql', import.meta.url)).definitions.flatMap((definition) =>
    definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'MachineScope'
      ? (definition.values ?? [])
      : [],
  );

describe('machine scopes: the SDL enum and the kit catalogue', () => {
  it('the MachineScope enum lists exactly the catalogue, in its order', () => {
    expect(sdlEnumValues().map((value) => value.name.value)).toEqual(machineScopeNames);
  });

  it('every enum value has a description naming its token form', () => {
    for (const value of sdlEnumValues())
      expect(value.description?.value).toContain(`\`${machineScopeFromName(value.name.value as never)}\``);
  });

  it('maps enum names to token scopes and back', () => {
    expect(machineScopeName('analytics:ingest')).toBe('ANALYTICS_INGEST');
    expect(machineScopeFromName('CRM_WRITE')).toBe('crm:write');
    for (const scope of machineScopes) expect(machineScopeFromName(machineScopeName(scope))).toBe(scope);
    expect(machineScopeNameOf('auth:read')).toBe('AUTH_READ');
  });

  it('a stored scope outside the catalogue is a bug, not a silent enum value', () => {
    expect(() => machineScopeNameOf('billing:admin')).toThrow(/outside the catalogue/);
  });
});
