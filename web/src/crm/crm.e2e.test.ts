import { expect, test } from 'vitest';
import { apiAs, createCustomer, unique } from '../../e2e/domain-api.ts';
import {
  demoLogins,
  expectAccessible,
  goTo,
  navLinks,
  openConsoleAs,
  saveScreenshot,
  connectConsoleBrowserPerFile,
} from '../../e2e/console-harness.ts';

connectConsoleBrowserPerFile();

test('an ADMIN creates, finds, edits a customer and logs an interaction; each change survives a reload', async () => {
  const taken = await createCustomer(await apiAs(demoLogins.admin), unique('crm-taken'));
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/crm/customers');
  const name = unique('crm-admin');
  const email = `${name}@example.com`;
  await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  await page.getByRole('table', { name: /^Customers,/ }).waitFor();
  await expectAccessible(page, 'customers');
  await saveScreenshot(page, 'crm', 'admin-customers');

  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByRole('button', { name: 'Create customer' }).click();
  // zod refuses before anything is sent, on the fields themselves.
  expect(await form.getByText('Required').count()).toBeGreaterThanOrEqual(2);
  await form.getByLabel('First name').fill('Ada');
  await form.getByLabel('Last name').fill(name);
  await form.getByLabel('Email').fill(taken.email);
  await form.getByRole('button', { name: 'Create customer' }).click();
  // The API's CONFLICT names `input.email`: the message sits on the Email field.
  await form.getByText('A customer with this email already exists in the tenant').waitFor();
  expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Create customer' }).click();
  await form.waitFor({ state: 'detached' });

  // The search is full-text on the server and kept in the URL.
  await page.reload();
  await page.getByLabel('Search customers').fill(name);
  await page.waitForURL(/q=crm-admin/);
  const row = page.getByRole('row').filter({ hasText: email });
  await row.waitFor();
  await row.getByRole('button', { name: `Edit ${email}` }).click();
  const edit = page.getByRole('form', { name: /^Edit Ada/ });
  await edit.getByLabel('Company').fill('Analytical Engines Ltd');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('row').filter({ hasText: 'Analytical Engines Ltd' }).waitFor();

  await page.getByRole('link', { name: `Ada ${name}` }).click();
  await page.getByRole('heading', { name: `Ada ${name}`, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Log interaction' }).click();
  const log = page.getByRole('form', { name: 'Log an interaction' });
  await log.getByLabel('Type').selectOption('CALL');
  await log.getByLabel('Subject').fill('Discussed the difference engine');
  await log.getByRole('button', { name: 'Log interaction' }).click();
  await page.reload();
  const timeline = page.getByRole('list', { name: 'Interactions timeline' });
  await timeline.getByText('Call: Discussed the difference engine').waitFor();
  await expectAccessible(page, 'customer page');
  await saveScreenshot(page, 'crm', 'admin-customer-page');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test('an ADMIN moves a lead with the keyboard on the pipeline board and wins it', async () => {
  const api = await apiAs(demoLogins.admin);
  const title = unique('deal');
  await api('mutation ($input: CreateLeadInput!) { createLead(input: $input) { id } }', {
    input: { title, value: '1200', currency: 'EUR' },
  });
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/crm/pipeline');
  const card = page.getByRole('listitem', { name: `Lead ${title}` });
  const column = (stage: string) => page.getByRole('region', { name: new RegExp(`^${stage} \\(`) });
  await column('New')
    .getByRole('listitem', { name: `Lead ${title}` })
    .waitFor();
  await expectAccessible(page, 'pipeline');

  // dnd-kit's keyboard drag: Space picks up, → goes one column right, Space drops. The pick-up is
  // announced until the card changes stage (the live region no longer swaps it for "over New" at once).
  await card.getByRole('button').first().focus();
  await page.keyboard.press('Space');
  await page.getByText(`Picked up ${title}.`).waitFor({ state: 'attached' });
  await page.keyboard.press('ArrowRight');
  // dnd-kit announces where the card is; drop only once it is over the next stage.
  await page.getByText(`${title} is over Qualified.`).waitFor({ state: 'attached' });
  await page.keyboard.press('Space');
  await column('Qualified')
    .getByRole('listitem', { name: `Lead ${title}` })
    .waitFor();
  await page.reload();
  await column('Qualified')
    .getByRole('listitem', { name: `Lead ${title}` })
    .waitFor();
  await saveScreenshot(page, 'crm', 'admin-pipeline');

  await card.getByRole('button', { name: 'Won' }).click();
  await card.waitFor({ state: 'detached' });
  await page.reload();
  await column('Qualified').waitFor();
  expect(await card.count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test("a CLIENT works with its own customers only, and the ADMIN's screens are absent", async () => {
  const admin = await apiAs(demoLogins.admin);
  const adminsCustomer = await createCustomer(admin, unique('crm-admins'));
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.client, '/crm/customers');
  const links = await navLinks(page);
  expect(links).toEqual(expect.arrayContaining(['Customers', 'Pipeline']));
  expect(links).not.toContain('Pipelines');
  expect(links).not.toContain('Content types');
  expect(links).not.toContain('Users');

  const name = unique('crm-client');
  await page.getByRole('button', { name: 'New customer' }).click();
  const form = page.getByRole('form', { name: 'New customer' });
  await form.getByLabel('First name').fill('Own');
  await form.getByLabel('Last name').fill(name);
  await form.getByLabel('Email').fill(`${name}@example.com`);
  await form.getByRole('button', { name: 'Create customer' }).click();
  await form.waitFor({ state: 'detached' });
  await goTo(page, `/crm/customers?q=${name}`);
  await page.getByRole('button', { name: `Edit ${name}@example.com` }).waitFor();

  // Someone else's customer is readable, but offers no changes.
  await goTo(page, `/crm/customers?q=${adminsCustomer.email}`);
  await page.getByRole('row').filter({ hasText: adminsCustomer.email }).waitFor();
  expect(await page.getByRole('button', { name: `Edit ${adminsCustomer.email}` }).count()).toBe(0);
  await expectAccessible(page, 'customers (client)');
  await saveScreenshot(page, 'crm', 'client-customers');

  await goTo(page, '/cms/content-types');
  await page.getByRole('heading', { name: /not available/i }).waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test('an ADMIN creates leads from the board and from a customer page, then deletes the customer; each survives a reload', async () => {
  const customer = await createCustomer(await apiAs(demoLogins.admin), unique('crm-lead'));
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/crm/pipeline');
  const boardLead = unique('board-deal');
  await page.getByRole('button', { name: 'New lead' }).click();
  const form = page.getByRole('form', { name: 'New lead' });
  await form.getByLabel('Value').fill('-5');
  await form.getByRole('button', { name: 'Create lead' }).click();
  await form.getByText('Required').waitFor();
  await form.getByText('An amount such as 1200 or 99.50').waitFor();
  await form.getByLabel('Title').fill(boardLead);
  await form.getByLabel('Value').fill('2500');
  await form.getByLabel('Stage').selectOption({ label: 'Qualified' });
  await form.getByRole('button', { name: 'Create lead' }).click();
  await form.waitFor({ state: 'detached' });
  const qualified = page.getByRole('region', { name: /^Qualified \(/ });
  await qualified.getByRole('listitem', { name: `Lead ${boardLead}` }).waitFor();
  await page.reload();
  await qualified.getByRole('listitem', { name: `Lead ${boardLead}` }).waitFor();

  const customerLead = unique('customer-deal');
  await goTo(page, `/crm/customers/${customer.id}`);
  await page.getByRole('button', { name: 'New lead' }).click();
  const leadForm = page.getByRole('form', { name: 'New lead' });
  await leadForm.getByLabel('Title').fill(customerLead);
  await leadForm.getByLabel('Value').fill('99.50');
  await leadForm.getByRole('button', { name: 'Create lead' }).click();
  const leads = page.getByRole('region', { name: 'Leads' });
  await leads.getByText(customerLead).waitFor();
  await page.reload();
  await leads.getByText(customerLead).waitFor();
  await expectAccessible(page, 'customer page with a lead');

  // Deleting the customer takes its row out at once and for good; its lead stays, without a customer.
  await goTo(page, `/crm/customers?q=${customer.email}`);
  await page.getByRole('button', { name: `Delete ${customer.email}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete customer' }).click();
  await page.getByRole('row').filter({ hasText: customer.email }).waitFor({ state: 'detached' });
  await page.reload();
  await page.getByText('No customer matches').waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);

test('an ADMIN manages pipelines and stages: create, rename, reorder, delete with confirmation', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/crm/pipelines');
  const name = unique('Partners');
  await page.getByRole('button', { name: 'New pipeline' }).click();
  const form = page.getByRole('form', { name: 'New pipeline' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Stages, one per line').fill('Intro\nPilot\nSigned');
  await form.getByRole('button', { name: 'Create pipeline' }).click();
  await form.waitFor({ state: 'detached' });
  const card = page.getByRole('region', { name: `Pipeline ${name}` });
  const stages = card.getByRole('list', { name: `Stages of ${name}` });
  const stageNames = async () => (await stages.locator('li span.font-medium').allTextContents()).join(',');
  await expect.poll(stageNames).toBe('Intro,Pilot,Signed');

  // Keyboard: "Signed" one place earlier; focus follows it.
  await stages.getByRole('button', { name: 'Move Signed earlier' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(stageNames).toBe('Intro,Signed,Pilot');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Signed earlier');

  await stages.getByRole('button', { name: 'Rename Pilot' }).click();
  const stageForm = card.getByRole('form', { name: 'Rename stage Pilot' });
  await stageForm.getByLabel('Stage name').fill('Trial');
  await stageForm.getByLabel('Probability (%)').fill('40');
  await stageForm.getByRole('button', { name: 'Save stage' }).click();
  await stageForm.waitFor({ state: 'detached' });
  await card.getByRole('button', { name: 'Add stage' }).click();
  const newStage = card.getByRole('form', { name: `New stage of ${name}` });
  await newStage.getByLabel('Stage name').fill('Lost');
  await newStage.getByRole('button', { name: 'Add stage' }).click();
  await newStage.waitFor({ state: 'detached' });
  await stages.getByRole('button', { name: 'Remove Intro' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect.poll(stageNames).toBe('Signed,Trial,Lost');
  await card.getByRole('button', { name: `Rename ${name}` }).click();
  const renamed = `${name}-renamed`;
  const nameForm = card.getByRole('form', { name: `Rename ${name}` });
  await nameForm.getByLabel('Name').fill(renamed);
  await nameForm.getByRole('button', { name: 'Save name' }).click();
  await page.reload();
  const renamedCard = page.getByRole('region', { name: `Pipeline ${renamed}` });
  await renamedCard.getByText('Trial').waitFor();
  expect((await renamedCard.getByRole('list').locator('li span.font-medium').allTextContents()).join(',')).toBe(
    'Signed,Trial,Lost',
  );
  await expectAccessible(page, 'pipelines');
  await saveScreenshot(page, 'crm', 'admin-pipelines');

  // The default pipeline is refused with the API's reason; the new one goes.
  const defaultCard = page
    .getByRole('region')
    .filter({ has: page.getByText('Default', { exact: true }) })
    .first();
  await defaultCard.getByRole('button', { name: /^Delete / }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alert').filter({ hasText: 'was not deleted' }).getByText('CONFLICT').waitFor();
  await renamedCard.getByRole('button', { name: `Delete ${renamed}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await renamedCard.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('heading', { name: 'Pipelines', level: 1 }).waitFor();
  await defaultCard.waitFor();
  expect(await renamedCard.count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);
