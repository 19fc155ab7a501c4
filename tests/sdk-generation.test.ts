import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadApiModel } from '../sdk/scripts/api-schema.ts';
import * as sdk from '../sdk/src/index.ts';
import { sdkClient } from './support/sdk-fixture.ts';

const sdkRoot = new URL('../sdk/', import.meta.url);
const run = promisify(execFile);

describe('the SDK generated from the supergraph', () => {
  // In its own process: the generator's Apollo composition loads graphql's CommonJS build, vitest its ESM build.
  it('is not stale: regenerating from schema/supergraph.graphql gives the files on disk', async () => {
    const check = await run(process.execPath, ['--import', 'tsx', 'sdk/scripts/generate.ts', '--check'], {
      cwd: new URL('..', import.meta.url).pathname,
    }).catch((error: { stderr: string }) => error);
    expect(check.stderr).toBe('');
  });

  it('has a typed document for every root query and mutation, each in the persisted-query manifest', async () => {
    const { schema } = loadApiModel();
    const manifest = JSON.parse(await readFile(new URL('persisted-query-manifest.json', sdkRoot), 'utf8')) as {
      operations: { name: string; type: string }[];
    };
    const roots = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((field) => ({ field, kind: 'query' })),
      ...Object.keys(schema.getMutationType()!.getFields()).map((field) => ({ field, kind: 'mutation' })),
    ];
    for (const { field, kind } of roots) {
      expect(sdk, field).toHaveProperty(`${field}${kind === 'query' ? 'Query' : 'Mutation'}`);
      const name = field[0]!.toUpperCase() + field.slice(1);
      expect(manifest.operations).toContainEqual(expect.objectContaining({ name, type: kind }));
    }
    expect(manifest.operations).toHaveLength(roots.length);
  });

  it('has a helper for every root field, grouped by domain', () => {
    const codex = sdkClient({ credentials: { apiKey: 'unused' } });
    // `request`, `logout` and `live` (subscriptions) are the client's core, not generated helpers.
    const helpers = Object.entries(codex).flatMap(([domain, members]) =>
      typeof members === 'function' || domain === 'live'
        ? []
        : Object.entries(members as Record<string, unknown>).flatMap(([name, member]) =>
            typeof member === 'function'
              ? [`${domain}.${name}`]
              : Object.keys(member as object).map((method) => `${domain}.${name}.${method}`),
          ),
    );
    const { schema } = loadApiModel();
    const rootFields =
      Object.keys(schema.getQueryType()!.getFields()).length +
      Object.keys(schema.getMutationType()!.getFields()).length;
    expect(helpers).toHaveLength(rootFields);
    expect(helpers).toEqual(
      expect.arrayContaining([
        'crm.customers.list',
        'crm.customers.create',
        'billing.invoices.get',
        'analytics.events.ingest',
      ]),
    );
  });
});
