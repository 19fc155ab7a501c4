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
import { apiAs, unique } from '../../e2e/domain-api.ts';

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

async function cmsFixture() {
  const api = await apiAs(demoLogins.admin);
  const slug = unique('kind').toLowerCase();
  const { createContentType: type } = await api<{ createContentType: { id: string } }>(
    'mutation ($input: CreateContentTypeInput!) { createContentType(input: $input) { id } }',
    { input: { slug, name: slug, fields: [] } },
  );
  const item = unique('Draft');
  await api('mutation ($input: CreateContentItemInput!) { createContentItem(input: $input) { id } }', {
    input: { contentTypeId: type.id, title: item, data: {} },
  });
  const file = `${unique('sheet')}.png`;
  await api('mutation ($input: UploadMediaInput!) { uploadMedia(input: $input) { id } }', {
    input: { name: file, mimeType: 'image/png', contentBase64: onePixelPng.toString('base64') },
  });
  const page = (title: string, parentId?: string) =>
    api<{ createPage: { id: string } }>('mutation ($input: CreatePageInput!) { createPage(input: $input) { id } }', {
      input: { title, slug: title.toLowerCase(), ...(parentId ? { parentId } : {}) },
    }).then((created) => created.createPage.id);
  const titles = { parent: unique('Guide'), first: unique('Intro'), second: unique('Setup') };
  const parentId = await page(titles.parent);
  await page(titles.first, parentId);
  await page(titles.second, parentId);
  return { typeName: slug, item, file, titles };
}

test('an ADMIN deletes content types, items, media and pages (refusals explained) and moves pages with the keyboard', async () => {
  const { typeName, item, file, titles } = await cmsFixture();
  const { page, context, pageErrors } = await openConsoleAs(demoLogins.admin, '/cms/content-types');
  const confirm = (label = 'Delete') => page.getByRole('dialog').getByRole('button', { name: label }).click();

  // A type still in use is refused: the row comes back and the reason is readable.
  await page.getByRole('button', { name: `Delete ${typeName}` }).click();
  await confirm();
  await page
    .getByRole('alert')
    .filter({ hasText: `“${typeName}” was not deleted` })
    .getByText('CONFLICT')
    .waitFor();
  await page.getByRole('row').filter({ hasText: typeName }).waitFor();

  await goTo(page, '/cms/items');
  await page.getByRole('button', { name: `Delete ${item}` }).click();
  await confirm();
  await page.getByRole('link', { name: item }).waitFor({ state: 'detached' });
  await goTo(page, '/cms/content-types');
  await page.getByRole('button', { name: `Delete ${typeName}` }).click();
  await confirm();
  await page.getByRole('row').filter({ hasText: typeName }).waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('table', { name: /^Content types/ }).waitFor();
  expect(await page.getByRole('row').filter({ hasText: typeName }).count()).toBe(0);

  await goTo(page, '/cms/media');
  await page.getByRole('button', { name: `Delete ${file}` }).click();
  await confirm();
  await page.getByRole('button', { name: `Preview ${file}` }).waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('list', { name: 'Media files' }).waitFor();
  expect(await page.getByRole('button', { name: `Preview ${file}` }).count()).toBe(0);

  await goTo(page, '/cms/pages');
  const tree = page.getByRole('navigation', { name: 'Page tree' });
  const order = async () => {
    const shown = await tree.locator('li span.font-medium').allTextContents();
    return [titles.parent, titles.first, titles.second].map((title) => shown.indexOf(title));
  };
  // Keyboard only: focus the second child's "up", press Enter; focus stays on the moved page.
  await tree.getByRole('button', { name: `Move ${titles.second} up` }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => {
      const [parent, first, second] = await order();
      return (parent ?? 0) < (second ?? 0) && (second ?? 0) < (first ?? 0);
    })
    .toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
    `Move ${titles.second} out of its parent page`,
  );
  await page.keyboard.press('Enter');
  const outOf = (title: string) => tree.getByRole('button', { name: `Move ${title} out of its parent page` });
  await expect.poll(() => outOf(titles.second).getAttribute('aria-disabled')).toBe('true');
  await page.reload();
  await expect.poll(() => outOf(titles.second).getAttribute('aria-disabled')).toBe('true');
  expect(await outOf(titles.first).getAttribute('aria-disabled')).toBe('false');
  await expectAccessible(page, 'pages (moving)');
  await saveScreenshot(page, 'cms', 'admin-pages-moved');

  // A page with children is refused; once its child is gone it goes.
  await tree.getByRole('button', { name: `Delete ${titles.parent}` }).click();
  await confirm();
  await page
    .getByRole('alert')
    .filter({ hasText: `“${titles.parent}” was not deleted` })
    .waitFor();
  await tree.getByRole('button', { name: `Delete ${titles.first}` }).click();
  await confirm();
  await tree.getByText(titles.first, { exact: true }).waitFor({ state: 'detached' });
  await tree.getByRole('button', { name: `Delete ${titles.parent}` }).click();
  await confirm();
  await tree.getByText(titles.parent, { exact: true }).waitFor({ state: 'detached' });
  await page.reload();
  await tree.getByText(titles.second, { exact: true }).waitFor();
  expect(await tree.getByText(titles.parent, { exact: true }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await context.close();
}, 120_000);
