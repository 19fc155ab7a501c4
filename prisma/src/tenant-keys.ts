/**
 * Where each model of a Prisma schema keeps its tenant, read from the schema text: every model with
 * a `tenantId` field is keyed by it, and auth's `Tenant` by its `id` (the id is the tenant). The
 * generator writes them to `subgraphs/<service>/src/generated/tenant-keys.ts` for the tenant-scope
 * extension (the kit's `scopeDatabase`), so a new tenant-owned model cannot be left out of it.
 */
const modelBlock = /^model (\w+) \{([^}]*)\}/gm;

export function readTenantKeys(schema: string): Record<string, 'id' | 'tenantId'> {
  const keys: Record<string, 'id' | 'tenantId'> = {};
  for (const [, model, body] of schema.matchAll(modelBlock)) {
    if (model === 'Tenant') keys[model] = 'id';
    else if (/^\s+tenantId\s/m.test(body ?? '')) keys[model!] = 'tenantId';
  }
  return keys;
}

/** The generated module's text. */
export function tenantKeysModule(service: string, keys: Record<string, string>): string {
  return [
    `// Generated from prisma/${service}/schema.prisma by prisma/scripts/generate.ts; do not edit.`,
    '',
    '/**',
    ' * Where each model keeps its tenant, for the tenant-scope extension: every model with a `tenantId`',
    ` * field (and auth's \`Tenant\`, by its id). Row-level security guards the same tables in the database`,
    ` * (prisma/${service}/migrations/*_row_level_security and later RLS migrations).`,
    ' */',
    `export const tenantKeys = ${JSON.stringify(keys, null, 2)} as const;`,
    '',
  ].join('\n');
}
