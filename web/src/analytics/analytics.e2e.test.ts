import { expect, test } from 'vitest';
import {
  demoLogins,
  expectAccessible,
  goTo,
  openConsoleAs,
  saveScreenshot,
  connectConsoleBrowserPerFile,
} from '../../e2e/console-harness.ts';
import { apiAs, unique } from '../../e2e/domain-api.ts';

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
  await page.getByRole('list', { name: 'Dashboards' }).getByRole('link').first().click();
  await page.getByRole('link', { name: '← Dashboards' }).waitFor();
  expect(await page.getByRole('button', { name: 'Edit dashboard' }).count()).toBe(0);
  await goTo(page, '/analytics/dashboards');
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

test("an ADMIN renames a dashboard, adds, reorders and removes widgets and edits a trend widget's input", async () => {
  const api = await apiAs(demoLogins.admin);
  const name = unique('Growth');
  const widget = (title: string, type: string) => ({
    type,
    metric: 'events.count',
    title,
    query: { granularity: 'DAY' },
  });
  const { createDashboard } = await api<{ createDashboard: { id: string } }>(
    'mutation ($input: CreateDashboardInput!) { createDashboard(input: $input) { id } }',
    { input: { name, widgets: [widget('Daily events', 'timeseries'), widget('Total events', 'number')] } },
  );
  const { page, context, pageErrors } = await openConsoleAs(
    demoLogins.admin,
    `/analytics/dashboards/${createDashboard.id}`,
  );
  await page.getByRole('button', { name: 'Edit dashboard' }).click();
  const editor = page.getByRole('region', { name: 'Edit dashboard' });
  const widgets = editor.getByRole('list', { name: 'Widgets' });
  const titles = async () => (await widgets.locator('li span.font-medium').allTextContents()).join(',');

  await editor.getByRole('button', { name: 'Rename' }).click();
  const details = editor.getByRole('form', { name: 'Dashboard details' });
  const renamed = `${name} weekly`;
  await details.getByLabel('Name').fill(renamed);
  await details.getByRole('button', { name: 'Save details' }).click();
  await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();

  await editor.getByRole('button', { name: 'Add widget' }).click();
  const added = editor.getByRole('form', { name: 'New widget' });
  await added.getByLabel('Widget title').fill('Visitors by country');
  await added.getByLabel('Widget type').selectOption('trend');
  await added.getByLabel('Per').selectOption('WEEK');
  await added.getByLabel('Breakdown').selectOption('country');
  await added.getByLabel('Last days').fill('400');
  await added.getByRole('button', { name: 'Add widget' }).click();
  await added.getByText('A whole number from 1 to 366').waitFor();
  await added.getByLabel('Last days').fill('60');
  await added.getByRole('button', { name: 'Add widget' }).click();
  await added.waitFor({ state: 'detached' });
  await expect.poll(titles).toBe('Daily events,Total events,Visitors by country');

  // Keyboard: the trend widget one place earlier, twice; focus follows it.
  await widgets.getByRole('button', { name: 'Move Visitors by country earlier' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(titles).toBe('Daily events,Visitors by country,Total events');
  await page.keyboard.press('Enter');
  await expect.poll(titles).toBe('Visitors by country,Daily events,Total events');
  await widgets.getByRole('button', { name: 'Remove Total events' }).click();
  await expect.poll(titles).toBe('Visitors by country,Daily events');

  await widgets.getByRole('button', { name: 'Edit Visitors by country' }).click();
  const trend = editor.getByRole('form', { name: 'Edit Visitors by country' });
  expect(await trend.getByLabel('Breakdown').inputValue()).toBe('country');
  await trend.getByLabel('Breakdown').selectOption('browser');
  await trend.getByRole('button', { name: 'Save widget' }).click();
  await trend.waitFor({ state: 'detached' });

  await page.reload();
  await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();
  await page.getByRole('img', { name: /^Visitors by country:/ }).waitFor();
  await page.getByRole('button', { name: 'Edit dashboard' }).click();
  await expect.poll(titles).toBe('Visitors by country,Daily events');
  await widgets.getByRole('button', { name: 'Edit Visitors by country' }).click();
  expect(await editor.getByLabel('Breakdown').inputValue()).toBe('browser');
  expect(await editor.getByLabel('Last days').inputValue()).toBe('60');
  await expectAccessible(page, 'dashboard editor');
  await saveScreenshot(page, 'analytics', 'admin-dashboard-editor');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);
