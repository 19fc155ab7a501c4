import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createArticleType,
  createItem,
  createItemMutation,
  createTypeMutation,
  dataOf,
  failure,
  itemFields,
  unique,
  updateItemMutation,
  uploadPng,
  type Caller,
} from './support/cms-operations.ts';

const itemQuery = /* GraphQL */ `query I($id: ID!) { contentItem(id: $id) { ${itemFields} contentType { id slug } revisions(first: 10) { version title slug data status } } }`;
const revisionsQuery = /* GraphQL */ `query R($itemId: ID!, $first: Int, $after: String) { contentItemRevisions(itemId: $itemId, first: $first, after: $after) { totalCount edges { node { id version title } } pageInfo { hasNextPage endCursor } } }`;
const restoreRevision = /* GraphQL */ `mutation R($itemId: ID!, $revisionId: ID!) { restoreContentItemRevision(itemId: $itemId, revisionId: $revisionId) { ${itemFields} } }`;
const move = (verb: string) =>
  /* GraphQL */ `mutation M($id: ID!) { ${verb}ContentItem(id: $id) { id status publishedAt version } }`;

let actors: TenantActors;
let admin: Caller;
let typeId: string;
beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'cms-items');
  admin = as(actors.admin.token);
  typeId = (await createArticleType(admin)).id;
});

const create = (data: unknown, extra: Record<string, unknown> = {}) =>
  admin(createItemMutation, { input: { contentTypeId: typeId, title: unique('Item'), data, ...extra } });

describe('content items', () => {
  it('createContentItem makes a DRAFT at version 1 authored by the caller, with a slug from the title when none is given', async () => {
    const title = `Ünïcode & Spaces ${randomUUID().slice(0, 6)}`;
    const item = dataOf(
      await create(
        { body: '<p>Hi</p>', rating: 4.5, category: 'news', publishOn: '2025-02-28', featured: true },
        { title, seo: { title: 'SEO' } },
      ),
    ).createContentItem;
    expect(item).toMatchObject({
      status: 'DRAFT',
      version: 1,
      publishedAt: null,
      author: { id: actors.admin.id },
      tenantId: actors.tenant.id,
      seo: { title: 'SEO' },
    });
    expect(item.slug).toBe(`unicode-spaces-${title.slice(-6)}`.toLowerCase());
    const read = dataOf(await admin(itemQuery, { id: item.id })).contentItem;
    expect(read).toMatchObject({
      id: item.id,
      contentType: { id: typeId },
      revisions: [],
      data: { body: '<p>Hi</p>', rating: 4.5 },
    });
    const bySlug = `query S($t: ID!, $s: String!) { contentItemBySlug(contentTypeId: $t, slug: $s) { id } }`;
    expect(dataOf(await admin(bySlug, { t: typeId, s: item.slug })).contentItemBySlug.id).toBe(item.id);
  });

  it.each([
    ['an unknown field', { body: 'x', colour: 'red' }, 'input.data.colour'],
    ['a missing required field', { rating: 3 }, 'input.data.body'],
    ['a required field set to null', { body: null }, 'input.data.body'],
    ['a string where a number belongs', { body: 'x', rating: 'five' }, 'input.data.rating'],
    ['a number above the maximum', { body: 'x', rating: 6 }, 'input.data.rating'],
    ['a value outside the ENUM options', { body: 'x', category: 'opinion' }, 'input.data.category'],
    ['a malformed date', { body: 'x', publishOn: '2025-02-30' }, 'input.data.publishOn'],
    ['a malformed email', { body: 'x', contact: 'not-an-email' }, 'input.data.contact'],
    ['a URL that is not http(s)', { body: 'x', link: 'javascript:alert(1)' }, 'input.data.link'],
    ['a string where a boolean belongs', { body: 'x', featured: 'yes' }, 'input.data.featured'],
    ['a date before 1900', { body: 'x', publishOn: '0001-01-01' }, 'input.data.publishOn'],
    ['a text over its default length', { body: 'x'.repeat(100_001) }, 'input.data.body'],
  ])('refuses %s with BAD_USER_INPUT on input.data.<field>', async (_case, data, field) => {
    const response = await create(data);
    expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(response.body.errors?.[0]?.message).toContain(field);
  });

  it('MEDIA and REFERENCE fields accept only ids of the tenant’s own media and items (of the referenced type)', async () => {
    const target = await createArticleType(admin);
    const fields = [
      { name: 'image', type: 'MEDIA' },
      { name: 'related', type: 'REFERENCE', referenceTypeId: target.id },
    ];
    const type = dataOf(
      await admin(createTypeMutation, { input: { slug: unique('linked'), name: 'Linked', fields } }),
    ).createContentType;
    const image = await uploadPng(admin);
    const related = await createItem(admin, target.id);
    const other = await createItem(admin, typeId);
    const write = (data: unknown) =>
      admin(createItemMutation, { input: { contentTypeId: type.id, title: unique('Linked'), data } });
    expect(dataOf(await write({ image: image.id, related: related.id })).createContentItem.data).toEqual({
      image: image.id,
      related: related.id,
    });
    expect(failure(await write({ image: randomUUID() }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.data.image',
    });
    expect(failure(await write({ related: randomUUID() }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.data.related',
    });
    expect(failure(await write({ related: other.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.data.related',
    });
    expect(failure(await write({ image: 'not-an-id' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.data.image' });
  });

  it("REFERENCE fields and types never name another tenant's items or types", async () => {
    const other = await createTenantWithUsers(await superadminToken(), 'cms-items-other');
    const otherAdmin = as(other.admin.token);
    const foreignType = await createArticleType(otherAdmin);
    const foreignItem = await createItem(otherAdmin, foreignType.id);
    const referencing = (referenceTypeId: string) =>
      admin(createTypeMutation, {
        input: { slug: unique('ref'), name: 'Ref', fields: [{ name: 'related', type: 'REFERENCE', referenceTypeId }] },
      });
    expect(failure(await referencing(foreignType.id))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.fields.0.referenceTypeId',
    });
    const open = dataOf(
      await admin(createTypeMutation, {
        input: { slug: unique('open-ref'), name: 'Open ref', fields: [{ name: 'related', type: 'REFERENCE' }] },
      }),
    ).createContentType;
    const write = await admin(createItemMutation, {
      input: { contentTypeId: open.id, title: unique('Ref'), data: { related: foreignItem.id } },
    });
    expect(failure(write)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.data.related' });
  });

  it('a refused update writes nothing: no revision, same version, no audit row', async () => {
    const item = await createItem(admin, typeId);
    const audit = `query A($id: ID) { cmsAuditLog(entityId: $id) { totalCount } }`;
    const before = dataOf(await admin(audit, { id: item.id })).cmsAuditLog.totalCount;
    const refused = await admin(updateItemMutation, {
      id: item.id,
      input: { title: 'Changed', data: { body: 'x', publishOn: '1899-12-31' } },
    });
    expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.data.publishOn' });
    const read = dataOf(await admin(itemQuery, { id: item.id })).contentItem;
    expect(read).toMatchObject({ version: 1, revisions: [] });
    expect(read.title).not.toBe('Changed');
    expect(dataOf(await admin(audit, { id: item.id })).cmsAuditLog.totalCount).toBe(before);
  });

  it('refuses a slug taken within the type with CONFLICT; another type may use it', async () => {
    const first = await createItem(admin, typeId);
    expect(failure(await create({ body: 'x' }, { slug: first.slug }))).toEqual({
      code: 'CONFLICT',
      field: 'input.slug',
    });
    const otherType = await createArticleType(admin);
    expect((await createItem(admin, otherType.id, { slug: first.slug })).slug).toBe(first.slug);
    const second = await createItem(admin, typeId);
    expect(failure(await admin(updateItemMutation, { id: second.id, input: { slug: first.slug } }))).toEqual({
      code: 'CONFLICT',
      field: 'input.slug',
    });
    expect(dataOf(await admin(itemQuery, { id: second.id })).contentItem).toMatchObject({ version: 1, revisions: [] });
  });

  it('every update keeps the previous state as a revision and raises the version; revisions list newest first', async () => {
    const item = await createItem(admin, typeId, { title: 'Version one', data: { body: 'one' } });
    const v2 = dataOf(
      await admin(updateItemMutation, {
        id: item.id,
        input: { title: 'Version two', data: { body: 'two', rating: 1 } },
      }),
    ).updateContentItem;
    expect(v2).toMatchObject({ version: 2, title: 'Version two', data: { body: 'two', rating: 1 } });
    dataOf(await admin(updateItemMutation, { id: item.id, input: { title: 'Version three' } }));
    const read = dataOf(await admin(itemQuery, { id: item.id })).contentItem;
    expect(read.version).toBe(3);
    expect(
      read.revisions.map((revision: { version: number; title: string }) => [revision.version, revision.title]),
    ).toEqual([
      [2, 'Version two'],
      [1, 'Version one'],
    ]);
    expect(read.revisions[1]).toMatchObject({ slug: item.slug, data: { body: 'one' }, status: 'DRAFT' });
    expect(
      failure(await admin(updateItemMutation, { id: item.id, input: { data: { body: 'x', unknown: 1 } } })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.data.unknown' });
    expect(failure(await admin(updateItemMutation, { id: item.id, input: {} }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
    expect(dataOf(await admin(itemQuery, { id: item.id })).contentItem.version).toBe(3);
  });

  it('pages through revisions and restores one, keeping the current state as a revision too', async () => {
    const item = await createItem(admin, typeId, { title: 'Original', data: { body: 'original', category: 'guide' } });
    for (const title of ['Second', 'Third'])
      dataOf(await admin(updateItemMutation, { id: item.id, input: { title, data: { body: title } } }));
    const page1 = dataOf(await admin(revisionsQuery, { itemId: item.id, first: 1 })).contentItemRevisions;
    expect(page1.totalCount).toBe(2);
    expect(page1.edges.map((edge: { node: { version: number } }) => edge.node.version)).toEqual([2]);
    const page2 = dataOf(
      await admin(revisionsQuery, { itemId: item.id, first: 1, after: page1.pageInfo.endCursor }),
    ).contentItemRevisions;
    expect(page2.edges.map((edge: { node: { version: number } }) => edge.node.version)).toEqual([1]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const restored = dataOf(
      await admin(restoreRevision, { itemId: item.id, revisionId: page2.edges[0].node.id }),
    ).restoreContentItemRevision;
    expect(restored).toMatchObject({ version: 4, title: 'Original', data: { body: 'original', category: 'guide' } });
    const history = dataOf(await admin(revisionsQuery, { itemId: item.id })).contentItemRevisions;
    expect(
      history.edges.map((edge: { node: { version: number; title: string } }) => [edge.node.version, edge.node.title]),
    ).toEqual([
      [3, 'Third'],
      [2, 'Second'],
      [1, 'Original'],
    ]);
    const otherItem = await createItem(admin, typeId);
    expect(
      failure(await admin(restoreRevision, { itemId: otherItem.id, revisionId: page2.edges[0].node.id })).code,
    ).toBe('NOT_FOUND');
    expect(failure(await admin(revisionsQuery, { itemId: randomUUID() })).code).toBe('NOT_FOUND');
  });

  it('moves through the workflow DRAFT → PUBLISHED → DRAFT → ARCHIVED → DRAFT without touching the version', async () => {
    const item = await createItem(admin, typeId);
    const published = dataOf(await admin(move('publish'), { id: item.id })).publishContentItem;
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 1 });
    expect(Date.parse(published.publishedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(dataOf(await admin(move('unpublish'), { id: item.id })).unpublishContentItem).toMatchObject({
      status: 'DRAFT',
      publishedAt: null,
    });
    dataOf(await admin(move('publish'), { id: item.id }));
    const archived = dataOf(await admin(move('archive'), { id: item.id })).archiveContentItem;
    expect(archived.status).toBe('ARCHIVED');
    expect(archived.publishedAt).not.toBeNull();
    expect(dataOf(await admin(move('restore'), { id: item.id })).restoreContentItem).toMatchObject({
      status: 'DRAFT',
      publishedAt: null,
      version: 1,
    });
  });

  it('refuses illegal transitions with BAD_USER_INPUT on id, naming the states, and archived content cannot be edited', async () => {
    const item = await createItem(admin, typeId);
    const unpublishDraft = await admin(move('unpublish'), { id: item.id });
    expect(failure(unpublishDraft)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(unpublishDraft.body.errors?.[0]?.message).toMatch(/DRAFT.*PUBLISHED/);
    expect(failure(await admin(move('restore'), { id: item.id }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    dataOf(await admin(move('publish'), { id: item.id }));
    const publishTwice = await admin(move('publish'), { id: item.id });
    expect(failure(publishTwice)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(publishTwice.body.errors?.[0]?.message).toContain('PUBLISHED');
    dataOf(await admin(move('archive'), { id: item.id }));
    for (const verb of ['publish', 'unpublish', 'archive'])
      expect(failure(await admin(move(verb), { id: item.id }))).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(failure(await admin(updateItemMutation, { id: item.id, input: { title: 'Frozen' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('lists items filtered by type, status, author and title, sorted and paged with cursors', async () => {
    const type = await createArticleType(admin);
    const client = as(actors.client.token);
    const [banana, apple] = [
      await createItem(admin, type.id, { title: 'Banana split' }),
      await createItem(admin, type.id, { title: 'Apple pie' }),
    ];
    const cherry = await createItem(client, type.id, { title: 'Cherry tart' });
    dataOf(await admin(move('publish'), { id: apple.id }));
    const list = `query L($filter: ContentItemFilter, $orderBy: ContentItemOrder, $first: Int, $after: String) {
      contentItems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount edges { node { id title } } pageInfo { hasNextPage endCursor } } }`;
    const titles = async (variables: Record<string, unknown>) =>
      dataOf(await admin(list, variables)).contentItems.edges.map(
        (edge: { node: { title: string } }) => edge.node.title,
      );
    const byTitle = { field: 'TITLE', direction: 'ASC' };
    expect(await titles({ filter: { contentTypeId: type.id }, orderBy: byTitle })).toEqual([
      'Apple pie',
      'Banana split',
      'Cherry tart',
    ]);
    expect(
      await titles({ filter: { contentTypeId: type.id }, orderBy: { field: 'TITLE', direction: 'DESC' } }),
    ).toEqual(['Cherry tart', 'Banana split', 'Apple pie']);
    expect(await titles({ filter: { contentTypeId: type.id, status: 'PUBLISHED' } })).toEqual(['Apple pie']);
    expect(await titles({ filter: { contentTypeId: type.id, authorId: actors.client.id } })).toEqual(['Cherry tart']);
    expect(await titles({ filter: { contentTypeId: type.id, search: 'SPLIT' } })).toEqual(['Banana split']);
    const first = dataOf(
      await admin(list, { filter: { contentTypeId: type.id }, orderBy: byTitle, first: 2 }),
    ).contentItems;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(
      await titles({ filter: { contentTypeId: type.id }, orderBy: byTitle, first: 2, after: first.pageInfo.endCursor }),
    ).toEqual(['Cherry tart']);
    expect(failure(await admin(list, { filter: { contentTypeId: 'nope' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.contentTypeId',
    });
    expect(failure(await admin(list, { first: -1 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect([banana.id, cherry.id]).toHaveLength(2);
  });

  it('deleteContentItem removes the item and its revisions; the id is then NOT_FOUND', async () => {
    const item = await createItem(admin, typeId);
    dataOf(await admin(updateItemMutation, { id: item.id, input: { title: 'Changed' } }));
    expect(
      dataOf(await admin(`mutation D($id: ID!) { deleteContentItem(id: $id) }`, { id: item.id })).deleteContentItem,
    ).toBe(item.id);
    expect(dataOf(await admin(itemQuery, { id: item.id })).contentItem).toBeNull();
    expect(failure(await admin(revisionsQuery, { itemId: item.id })).code).toBe('NOT_FOUND');
    expect(failure(await admin(`mutation D($id: ID!) { deleteContentItem(id: $id) }`, { id: item.id })).code).toBe(
      'NOT_FOUND',
    );
    expect(failure(await admin(move('publish'), { id: 'not-a-uuid' })).code).toBe('NOT_FOUND');
  });
});
