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
import { unique } from '../../e2e/domain-api.ts';

// A 1×1 PNG, small enough for any upload limit.
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

connectConsoleBrowserPerFile();

test('an ADMIN shapes a content type, publishes an item, restores a revision and builds the page tree', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/cms/content-types');
  const typeName = unique('Recipe');
  await page.getByRole('button', { name: 'New content type' }).click();
  const typeForm = page.getByRole('form', { name: 'New content type' });
  await typeForm.getByLabel('Name', { exact: true }).fill(typeName);
  await typeForm.getByLabel('Name', { exact: true }).blur();
  expect(await typeForm.getByLabel('Slug').inputValue()).toBe(typeName.toLowerCase());
  await typeForm.getByRole('button', { name: 'Add field' }).click();
  await typeForm.getByLabel('Field 1 name').fill('servings');
  await typeForm.getByLabel('Field 1 type').selectOption('NUMBER');
  await typeForm.getByRole('button', { name: 'Create content type' }).click();
  await typeForm.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('row').filter({ hasText: typeName }).getByText('servings (number)').waitFor();
  await expectAccessible(page, 'content types');
  await saveScreenshot(page, 'cms', 'admin-content-types');

  const title = unique('Pancakes');
  await goTo(page, '/cms/items');
  await page.getByRole('button', { name: 'New item' }).click();
  await page.getByLabel('Content type of the new item').selectOption({ label: typeName });
  const itemForm = page.getByRole('form', { name: `New ${typeName}` });
  await itemForm.getByRole('button', { name: 'Create draft' }).click();
  await itemForm.getByText('Required').waitFor();
  await itemForm.getByLabel('Title').fill(title);
  await itemForm.getByLabel('servings').fill('4');
  await itemForm.getByRole('button', { name: 'Create draft' }).click();
  await itemForm.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: `Publish ${title}` }).click();
  await page.getByRole('button', { name: `Unpublish ${title}` }).waitFor();
  await page.reload();
  await page.getByRole('row').filter({ hasText: title }).getByText('Published').waitFor();
  await saveScreenshot(page, 'cms', 'admin-items');

  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: `Edit ${title}` });
  await edit.getByLabel('Title').fill(`${title} v2`);
  await edit.getByRole('button', { name: 'Save new version' }).click();
  await page.getByRole('heading', { name: `${title} v2`, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('heading', { name: title, exact: true, level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: title, exact: true, level: 1 }).waitFor();
  expect(await page.getByRole('list', { name: 'Revisions' }).getByRole('listitem').count()).toBe(2);
  await expectAccessible(page, 'content item');
  await saveScreenshot(page, 'cms', 'admin-item-revisions');

  const pageTitle = unique('About');
  await goTo(page, '/cms/pages');
  await page.getByRole('button', { name: 'New page' }).click();
  const pageForm = page.getByRole('form', { name: 'New page' });
  await pageForm.getByLabel('Title').fill(pageTitle);
  await pageForm.getByLabel('Title').blur();
  await pageForm.getByRole('button', { name: 'Create page' }).click();
  await pageForm.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('navigation', { name: 'Page tree' }).getByText(pageTitle, { exact: true }).waitFor();
  await expectAccessible(page, 'pages');
  await saveScreenshot(page, 'cms', 'admin-pages');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);

test('a CLIENT uploads to the media library and previews it; content types and page edits are absent', async () => {
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.client, '/cms/media');
  const links = await navLinks(page);
  expect(links).toEqual(expect.arrayContaining(['Content', 'Pages', 'Media']));
  expect(links).not.toContain('Content types');

  const name = `${unique('pixel')}.png`;
  await page.getByLabel('Upload a file').setInputFiles({ name, mimeType: 'image/png', buffer: onePixelPng });
  await page.getByRole('button', { name: `Preview ${name}` }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: `Preview ${name}` }).click();
  await page
    .getByRole('region', { name: `Preview of ${name}` })
    .getByRole('img')
    .waitFor();
  await expectAccessible(page, 'media');
  await saveScreenshot(page, 'cms', 'client-media');

  await goTo(page, '/cms/pages');
  await page.getByRole('heading', { name: 'Pages', level: 1 }).waitFor();
  expect(await page.getByRole('button', { name: 'New page' }).count()).toBe(0);
  await goTo(page, '/cms/items');
  await page.getByRole('table', { name: /^Content items/ }).waitFor();
  await expectAccessible(page, 'items (client)');
  await saveScreenshot(page, 'cms', 'client-items');
  expect(pageErrors).toEqual([]);
  await context.close();
}, 90_000);
