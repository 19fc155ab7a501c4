import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSdkTenant, type SdkTenant } from './support/sdk-fixture.ts';

/**
 * The SDK's examples, run as a reader would run them (`node --import tsx sdk/examples/<name>.ts`,
 * importing the built `@codex/sdk` that `npm install` makes) against the test platform.
 */
const run = promisify(execFile);
const repoRoot = new URL('..', import.meta.url).pathname;

let world: SdkTenant;
beforeAll(async () => {
  world = await createSdkTenant('sdk-examples');
});

const example = (name: string, env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', `sdk/examples/${name}.ts`], {
    cwd: repoRoot,
    env: { ...process.env, CODEX_URL: inject('gatewayUrl'), ...env },
    timeout: 60_000,
  });

describe('sdk/examples', () => {
  it('create-customer.ts creates a customer with an API key and finds it by search', async () => {
    const { stdout } = await example('create-customer', { CODEX_API_KEY: world.apiKey });
    expect(stdout).toMatch(/created and found customer [0-9a-f-]{36}/);
  });

  it('ingest-events.ts sends a batch twice with a machine client and nothing is counted twice', async () => {
    const { stdout } = await example('ingest-events', {
      CODEX_CLIENT_ID: world.machine.clientId,
      CODEX_CLIENT_SECRET: world.machine.clientSecret,
    });
    expect(stdout).toContain('first send: 5 accepted, 0 duplicates');
    expect(stdout).toContain('second send: 0 accepted, 5 duplicates');
  });

  it('tenant-summary.ts logs a user in and prints the tenant’s figures', async () => {
    const { stdout } = await example('tenant-summary', {
      CODEX_EMAIL: world.admin.email,
      CODEX_PASSWORD: world.admin.password,
    });
    expect(stdout).toMatch(/^SDK sdk-examples-.+ \(request .+\)$/m);
    expect(stdout).toMatch(/^users: +1 /m);
    expect(stdout).not.toContain('missing:');
  });

  it('names a missing setting in one line', async () => {
    const failure = await example('create-customer', { CODEX_API_KEY: '' }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: 'Set CODEX_API_KEY (see sdk/README.md, "Examples").\n' });
  });
});
