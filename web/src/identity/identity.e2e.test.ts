import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from '../../../tests/support/actors.ts';
import {
  type ConsolePage,
  closeConsoleBrowser,
  expectAccessible,
  goTo,
  openConsoleAs,
  saveScreenshot,
} from '../../e2e/console-harness.ts';

// A tenant of this file's own: its ADMIN changes users, keys and sessions without touching the demo tenant.
let actors: TenantActors;
let admin: ConsolePage;
beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'console-identity');
  admin = await openConsoleAs({ login: actors.admin.email, password: actors.admin.password });
});
afterAll(async () => {
  expect(admin.pageErrors).toEqual([]);
  await closeConsoleBrowser();
});

async function checkScreen(page: Page, name: string) {
  await saveScreenshot(page, 'identity', name);
  await expectAccessible(page, name);
}

const rowOf = (page: Page, table: string, text: string) =>
  page.getByRole('table', { name: table }).locator('tbody tr').filter({ hasText: text });

async function confirm(page: Page, button: string) {
  await page.getByRole('dialog').getByRole('button', { name: button }).click();
}

test('users: invite a user, change their role and deactivate them; each change survives a reload', async () => {
  const { page } = admin;
  await goTo(page, '/users');
  await rowOf(page, 'Users of your tenant', actors.client.email).waitFor();
  await checkScreen(page, 'users');

  const email = `invited-${randomUUID().slice(0, 8)}@example.test`;
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'New user' });
  await form.getByLabel('Email').fill('not-an-email');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect.poll(() => form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  await checkScreen(page, 'user-create-invalid');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('First name').fill('Ivy');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = rowOf(page, 'Users of your tenant', email);
  await row.waitFor();

  await row.getByLabel(`Role of ${email}`).selectOption('ADMIN');
  await row.getByRole('button', { name: `Deactivate ${email}` }).click();
  await confirm(page, 'Deactivate');
  await row.getByText('Inactive').waitFor();

  await page.reload();
  const reloaded = rowOf(page, 'Users of your tenant', email);
  await reloaded.getByText('Inactive').waitFor();
  expect(await reloaded.getByLabel(`Role of ${email}`).inputValue()).toBe('ADMIN');
});

test('API keys: the key is shown once, then only its prefix; revoking it persists', async () => {
  const { page } = admin;
  await goTo(page, '/api-keys');
  await page
    .getByText('No API keys yet')
    .or(page.getByRole('table', { name: 'API keys of your tenant' }))
    .waitFor();
  await checkScreen(page, 'api-keys-empty');

  const name = `ci-${randomUUID().slice(0, 8)}`;
  await page.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('form', { name: 'New API key' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create key' }).click();
  const secretPanel = page.getByRole('region', { name: 'Your new API key' });
  const secret = (await secretPanel.locator('output').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^cdx_/);
  await checkScreen(page, 'api-key-created');
  await secretPanel.getByRole('button', { name: 'I have stored it' }).click();

  const row = rowOf(page, 'API keys of your tenant', name);
  await row.waitFor();
  expect(await page.content()).not.toContain(secret);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await confirm(page, 'Revoke');
  await row.getByText('Revoked').waitFor();
  await page.reload();
  await rowOf(page, 'API keys of your tenant', name).getByText('Revoked').waitFor();
  expect(await page.content()).not.toContain(secret);
  await checkScreen(page, 'api-keys');
});

test('machine clients: scopes are required, the secret is shown once, and revoking persists', async () => {
  const { page } = admin;
  await goTo(page, '/machine-clients');
  await page
    .getByText('No machine clients yet')
    .or(page.getByRole('table', { name: 'Machine clients of your tenant' }))
    .waitFor();
  const name = `sync-${randomUUID().slice(0, 8)}`;
  await page.getByRole('button', { name: 'New machine client' }).click();
  const form = page.getByRole('form', { name: 'New machine client' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create client' }).click();
  await form.getByText('Pick at least one scope').waitFor();
  await form.getByLabel(/^crm:read/).check();
  await form.getByLabel(/^analytics:ingest/).check();
  await form.getByRole('button', { name: 'Create client' }).click();
  const secretPanel = page.getByRole('region', { name: /^Secret of client / });
  await secretPanel.waitFor();
  await checkScreen(page, 'machine-client-created');
  await secretPanel.getByRole('button', { name: 'I have stored it' }).click();

  const row = rowOf(page, 'Machine clients of your tenant', name);
  expect(await row.textContent()).toContain('crm:read, analytics:ingest');
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await confirm(page, 'Revoke');
  await row.getByText('Revoked').waitFor();
  await page.reload();
  await rowOf(page, 'Machine clients of your tenant', name).getByText('Revoked').waitFor();
  await checkScreen(page, 'machine-clients');
});

test("sessions: the ADMIN sees their own and revokes a user's session; it stays gone after a reload", async () => {
  const { page } = admin;
  await goTo(page, '/sessions');
  const table = page.getByRole('table', { name: 'Live sessions' });
  await table.getByText('this session').waitFor();
  await checkScreen(page, 'sessions-own');

  // createTenantWithUsers signed the CLIENT in through the API: that is one live session.
  await page.getByLabel('Sessions of').selectOption({ label: actors.client.email });
  const revoke = table.getByRole('button', { name: /^Revoke/ });
  await revoke.first().waitFor();
  const before = await revoke.count();
  await revoke.first().click();
  await confirm(page, 'Revoke');
  await expect.poll(() => table.getByRole('button', { name: /^Revoke/ }).count()).toBe(before - 1);
  await page.reload();
  await page.getByLabel('Sessions of').selectOption({ label: actors.client.email });
  await page.getByText('No live sessions').or(table).waitFor();
  await expect.poll(() => page.getByRole('button', { name: /^Revoke/ }).count()).toBe(before - 1);
  await checkScreen(page, 'sessions-of-user');
});

test('a CLIENT sees its own sessions and none of the identity admin screens', async () => {
  const client = await openConsoleAs({ login: actors.client.email, password: actors.client.password });
  const { page } = client;
  await goTo(page, '/sessions');
  await page.getByRole('table', { name: 'Live sessions' }).getByText('this session').waitFor();
  expect(await page.getByLabel('Sessions of').count()).toBe(0);
  await checkScreen(page, 'sessions-client');
  for (const route of ['/users', '/api-keys', '/machine-clients']) {
    await goTo(page, route);
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  }
  expect(client.pageErrors).toEqual([]);
  await client.context.close();
});
