import { expect, test } from 'vitest';
import {
  demoLogins,
  expectAccessible,
  goTo,
  navLinks,
  openConsoleAs,
  saveScreenshot,
  connectConsoleBrowserPerFile,
} from '../../e2e/console-harness.ts';
import { apiAs, createCustomer, unique } from '../../e2e/domain-api.ts';

connectConsoleBrowserPerFile();

test('an ADMIN subscribes a customer and cancels at the period end; both survive a reload', async () => {
  const api = await apiAs(demoLogins.admin);
  const customer = await createCustomer(api, unique('billing'));
  const { plans } = await api<{ plans: { edges: { node: { id: string; code: string | null } }[] } }>(
    '{ plans(first: 100) { edges { node { id code } } } }',
  );
  const starter = plans.edges.find(({ node }) => node.code === 'starter')?.node;
  expect(starter).toBeDefined();

  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/billing/subscriptions');
  await page.getByRole('button', { name: 'Subscribe a customer' }).click();
  const form = page.getByRole('form', { name: 'Subscribe a customer' });
  await form.getByLabel('Seats').fill('0');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await form.getByText('Choose a customer', { exact: true }).last().waitFor();
  await form.getByText('At least 1').waitFor();
  await form.getByLabel('Customer').selectOption(customer.id);
  await form.getByLabel('Plan').selectOption(starter?.id ?? '');
  await form.getByLabel('Seats').fill('2');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await form.waitFor({ state: 'detached' });
  const cancel = page.getByRole('button', { name: `Cancel subscription of ${customer.email}` });
  await page.reload();
  await cancel.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel subscription' }).click();
  await cancel.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'cancels at period end' }).first().waitFor();
  await expectAccessible(page, 'subscriptions');
  await saveScreenshot(page, 'billing', 'admin-subscriptions');

  await goTo(page, '/billing/plans');
  await page.getByRole('row').filter({ hasText: 'Starter' }).waitFor();
  await expectAccessible(page, 'plans');
  await saveScreenshot(page, 'billing', 'admin-plans');

  await goTo(page, '/billing/invoices');
  await page.getByRole('table', { name: /^Invoices/ }).waitFor();
  await expectAccessible(page, 'invoices');
  await saveScreenshot(page, 'billing', 'admin-invoices');
  await page
    .getByRole('table', { name: /^Invoices/ })
    .getByRole('link')
    .first()
    .click();
  await page.getByRole('table', { name: /^Lines of invoice/ }).waitFor();
  await page.reload();
  await page.getByRole('table', { name: /^Lines of invoice/ }).waitFor();
  await expectAccessible(page, 'invoice');
  await saveScreenshot(page, 'billing', 'admin-invoice');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test('a CLIENT reads billing but is offered no billing change', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.client, '/billing/subscriptions');
  expect(await navLinks(page)).toEqual(expect.arrayContaining(['Subscriptions', 'Plans', 'Invoices']));
  await page.getByRole('table', { name: /^Subscriptions/ }).waitFor();
  expect(await page.getByRole('button', { name: 'Subscribe a customer' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Cancel subscription/ }).count()).toBe(0);
  expect(await page.getByRole('combobox').count()).toBe(0);
  await expectAccessible(page, 'subscriptions (client)');
  await saveScreenshot(page, 'billing', 'client-subscriptions');
  await goTo(page, '/billing/invoices');
  await page.getByRole('table', { name: /^Invoices/ }).waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
}, 60_000);
