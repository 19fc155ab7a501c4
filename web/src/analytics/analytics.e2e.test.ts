import { expect, test } from 'vitest';
import {
  demoLogins,
  expectAccessible,
  goTo,
  openConsoleAs,
  saveScreenshot,
  connectConsoleBrowserPerFile,
} from '../../e2e/console-harness.ts';
import { unique } from '../../e2e/domain-api.ts';

connectConsoleBrowserPerFile();

test('an ADMIN charts events by hour (kept in the URL) and creates a dashboard that survives a reload', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/analytics/events');
  await page.getByRole('img', { name: /^All events per day:/ }).waitFor();
  await page.getByText('By hour').click();
  await page.waitForURL(/by=hour/);
  await page.reload();
  await page.getByRole('img', { name: /^All events per hour:/ }).waitFor();
  expect(await page.getByRole('radio', { name: 'By hour' }).isChecked()).toBe(true);
  await page.getByRole('img', { name: /^Top events, 30 days/ }).waitFor();
  await page.getByLabel('Breakdown').selectOption('country');
  await page.waitForURL(/breakdown=country/);
  await page.getByRole('img', { name: /^All events by country:/ }).waitFor();
  await expectAccessible(page, 'events');
  await saveScreenshot(page, 'analytics', 'admin-events');

  const name = unique('Signups');
  await goTo(page, '/analytics/dashboards');
  await page.getByRole('button', { name: 'New dashboard' }).click();
  const form = page.getByRole('form', { name: 'New dashboard' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Widget type').selectOption('bar');
  await form.getByRole('button', { name: 'Create dashboard' }).click();
  await form.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('link', { name }).click();
  await page.getByRole('img', { name: /^Events per day:/ }).waitFor();
  await expectAccessible(page, 'dashboard');
  await saveScreenshot(page, 'analytics', 'admin-dashboard');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test('a CLIENT reads events and public dashboards but cannot create one', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.client, '/analytics/dashboards');
  await page.getByRole('list', { name: 'Dashboards' }).getByRole('link').first().waitFor();
  expect(await page.getByRole('button', { name: 'New dashboard' }).count()).toBe(0);
  await expectAccessible(page, 'dashboards (client)');
  await saveScreenshot(page, 'analytics', 'client-dashboards');
  await goTo(page, '/analytics/events');
  await page.getByRole('img', { name: /^All events per day:/ }).waitFor();
  await expectAccessible(page, 'events (client)');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 60_000);
