import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createArticleType,
  createItem,
  createItemMutation,
  createPage,
  createPageMutation,
  dataOf,
  failure,
  movePageMutation,
  unique,
  updateItemMutation,
  uploadPng,
} from './support/cms-operations.ts';
import { connectDatabases } from './support/databases.ts';
import { identityOf, subgraphRequest } from './support/subgraph-request.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

/** Everything tenant B has in the CMS database, to compare before and after an attack. */
const snapshotOf = async (tenantId: string) => {
  const where = { where: { tenantId }, orderBy: { id: 'asc' as const } };
  return Promise.all([
    db.cms.contentType.findMany(where),
    db.cms.contentItem.findMany(where),
    db.cms.contentRevision.findMany(where),
    db.cms.mediaFile.findMany(where),
    db.cms.page.findMany(where),
  ]);
};

let a: TenantActors;
let b: TenantActors;
let theirs: {
  typeId: string;
  itemId: string;
  itemSlug: string;
  revisionId: string;
  pageId: string;
  pageSlug: string;
  mediaId: string;
};
beforeAll(async () => {
  const superToken = await superadminToken();
  [a, b] = await Promise.all([createTenantWithUsers(superToken, 'cms-a'), createTenantWithUsers(superToken, 'cms-b')]);
  const bAdmin = as(b.admin.token);
  const type = await createArticleType(bAdmin);
  const item = await createItem(bAdmin, type.id);
  dataOf(await bAdmin(updateItemMutation, { id: item.id, input: { title: 'B changed' } }));
  const revision = await db.cms.contentRevision.findFirstOrThrow({ where: { contentItemId: item.id } });
  const page = await createPage(bAdmin);
  const media = await uploadPng(bAdmin);
  theirs = {
    typeId: type.id,
    itemId: item.id,
    itemSlug: item.slug,
    revisionId: revision.id,
    pageId: page.id,
    pageSlug: page.slug,
    mediaId: media.id,
  };
});

describe('CMS tenant isolation, from the attacker’s side', () => {
  it.each(['admin', 'client'] as const)(
    'the %s of tenant A reads none of tenant B’s content: null, empty lists or NOT_FOUND',
    async (role) => {
      const attacker = as(a[role].token);
      const reads = await attacker(
        `query R($type: ID!, $item: ID!, $page: ID!, $media: ID!, $itemSlug: String!, $pageSlug: String!, $tenant: ID) {
        contentType(id: $type) { id } contentItem(id: $item) { id } page(id: $page) { id } mediaFile(id: $media) { id }
        contentItemBySlug(contentTypeId: $type, slug: $itemSlug) { id } pageBySlug(slug: $pageSlug) { id }
        contentTypes(tenantId: $tenant) { totalCount } contentItems(tenantId: $tenant) { totalCount } pages(tenantId: $tenant) { totalCount } mediaFiles(tenantId: $tenant) { totalCount }
        byType: contentItems(filter: { contentTypeId: $type }) { totalCount } children: pages(parentId: $page) { totalCount } }`,
        {
          type: theirs.typeId,
          item: theirs.itemId,
          page: theirs.pageId,
          media: theirs.mediaId,
          itemSlug: theirs.itemSlug,
          pageSlug: theirs.pageSlug,
          tenant: b.tenant.id,
        },
      );
      expect(dataOf(reads)).toEqual({
        contentType: null,
        contentItem: null,
        page: null,
        mediaFile: null,
        contentItemBySlug: null,
        pageBySlug: null,
        contentTypes: { totalCount: 0 },
        contentItems: { totalCount: 0 },
        pages: { totalCount: 0 },
        mediaFiles: { totalCount: 0 },
        byType: { totalCount: 0 },
        children: { totalCount: 0 },
      });
      const revisions = await attacker(`query R($id: ID!) { contentItemRevisions(itemId: $id) { totalCount } }`, {
        id: theirs.itemId,
      });
      expect(failure(revisions).code).toBe('NOT_FOUND');
    },
  );

  it.each(['admin', 'client'] as const)(
    'the %s of tenant A changes nothing of tenant B’s: every write is NOT_FOUND (or FORBIDDEN by role) and B’s rows stay as they were',
    async (role) => {
      const attacker = as(a[role].token);
      const before = await snapshotOf(b.tenant.id);
      const writes: [string, Record<string, unknown>][] = [
        [updateItemMutation, { id: theirs.itemId, input: { title: 'pwned' } }],
        ...['publish', 'unpublish', 'archive', 'restore'].map((verb): [string, Record<string, unknown>] => [
          `mutation M($id: ID!) { ${verb}ContentItem(id: $id) { id } }`,
          { id: theirs.itemId },
        ]),
        [
          `mutation M($item: ID!, $rev: ID!) { restoreContentItemRevision(itemId: $item, revisionId: $rev) { id } }`,
          { item: theirs.itemId, rev: theirs.revisionId },
        ],
        [`mutation M($id: ID!) { deleteContentItem(id: $id) }`, { id: theirs.itemId }],
        [createItemMutation, { input: { contentTypeId: theirs.typeId, title: 'pwned', data: { body: 'x' } } }],
        [`mutation M($id: ID!) { updateMedia(id: $id, input: { altText: "pwned" }) { id } }`, { id: theirs.mediaId }],
        [`mutation M($id: ID!) { deleteMedia(id: $id) }`, { id: theirs.mediaId }],
        [`mutation M($id: ID!) { updateContentType(id: $id, input: { name: "pwned" }) { id } }`, { id: theirs.typeId }],
        [`mutation M($id: ID!) { deleteContentType(id: $id) }`, { id: theirs.typeId }],
        [`mutation M($id: ID!) { updatePage(id: $id, input: { title: "pwned" }) { id } }`, { id: theirs.pageId }],
        [movePageMutation, { id: theirs.pageId, parentId: null }],
        [`mutation M($id: ID!) { deletePage(id: $id) }`, { id: theirs.pageId }],
      ];
      for (const [mutation, variables] of writes) {
        const response = await attacker(mutation, variables);
        expect(response.body.data ?? null, mutation).toBeNull();
        expect(['NOT_FOUND', ...(role === 'client' ? ['FORBIDDEN'] : [])], mutation).toContain(failure(response).code);
      }
      expect(await snapshotOf(b.tenant.id)).toEqual(before);
    },
  );

  it('tenant A’s ADMIN cannot hang its pages under B’s, reference B’s items or media, or create in B', async () => {
    const attacker = as(a.admin.token);
    const own = await createPage(attacker);
    expect(failure(await attacker(movePageMutation, { id: own.id, parentId: theirs.pageId })).code).toBe('NOT_FOUND');
    expect(
      failure(await attacker(createPageMutation, { input: { title: 'x', slug: unique('x'), parentId: theirs.pageId } }))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      failure(await attacker(createPageMutation, { input: { title: 'x', slug: unique('x'), tenantId: b.tenant.id } }))
        .code,
    ).toBe('NOT_FOUND');
    const linked = dataOf(
      await attacker(`mutation C($input: CreateContentTypeInput!) { createContentType(input: $input) { id } }`, {
        input: {
          slug: unique('linked'),
          name: 'Linked',
          fields: [
            { name: 'image', type: 'MEDIA' },
            { name: 'related', type: 'REFERENCE' },
          ],
        },
      }),
    ).createContentType;
    const write = (data: unknown) =>
      attacker(createItemMutation, { input: { contentTypeId: linked.id, title: unique('x'), data } });
    expect(failure(await write({ image: theirs.mediaId }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.data.image',
    });
    expect(failure(await write({ related: theirs.itemId }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.data.related',
    });
    const referencing = await attacker(
      `mutation C($input: CreateContentTypeInput!) { createContentType(input: $input) { id } }`,
      {
        input: {
          slug: unique('ref'),
          name: 'Ref',
          fields: [{ name: 'other', type: 'REFERENCE', referenceTypeId: theirs.typeId }],
        },
      },
    );
    expect(failure(referencing)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.fields.0.referenceTypeId' });
  });

  it('_entities sent straight to the CMS subgraph resolves none of B’s entities for A', async () => {
    const query = `query E($r: [_Any!]!) { _entities(representations: $r) { ... on ContentType { id } ... on ContentItem { id } ... on MediaFile { id } ... on Page { id } } }`;
    const representations = [
      { __typename: 'ContentType', id: theirs.typeId },
      { __typename: 'ContentItem', id: theirs.itemId },
      { __typename: 'MediaFile', id: theirs.mediaId },
      { __typename: 'Page', id: theirs.pageId },
    ];
    for (const identity of [identityOf('ADMIN', a.tenant.id), identityOf('CLIENT', a.tenant.id), null]) {
      const { body } = await subgraphRequest('cms', query, { identity, variables: { r: representations } });
      expect(JSON.stringify(body.data ?? null)).not.toMatch(new RegExp(Object.values(theirs).join('|')));
    }
    const { body } = await subgraphRequest('cms', query, {
      identity: identityOf('ADMIN', b.tenant.id),
      variables: { r: representations },
    });
    expect(body.data._entities.map((entity: { id: string }) => entity.id)).toEqual([
      theirs.typeId,
      theirs.itemId,
      theirs.mediaId,
      theirs.pageId,
    ]);
  });
});

describe('CLIENT "R/W own"', () => {
  it('a CLIENT creates items and changes its own, but gets FORBIDDEN for items another user wrote', async () => {
    const admin = as(a.admin.token);
    const client = as(a.client.token);
    const type = await createArticleType(admin);
    const adminsItem = await createItem(admin, type.id);
    const own = await createItem(client, type.id);
    expect(
      dataOf(await client(`query I($id: ID!) { contentItem(id: $id) { id author { id } } }`, { id: adminsItem.id }))
        .contentItem.id,
    ).toBe(adminsItem.id);
    for (const [mutation, variables] of [
      [updateItemMutation, { id: adminsItem.id, input: { title: 'Not mine' } }],
      [`mutation M($id: ID!) { publishContentItem(id: $id) { id } }`, { id: adminsItem.id }],
      [`mutation M($id: ID!) { archiveContentItem(id: $id) { id } }`, { id: adminsItem.id }],
      [`mutation M($id: ID!) { deleteContentItem(id: $id) }`, { id: adminsItem.id }],
    ] as const) {
      expect(failure(await client(mutation, variables)).code).toBe('FORBIDDEN');
    }
    expect(await db.cms.contentItem.findUnique({ where: { id: adminsItem.id } })).toMatchObject({
      version: 1,
      status: 'DRAFT',
    });
    expect(
      dataOf(await client(updateItemMutation, { id: own.id, input: { title: 'Mine' } })).updateContentItem,
    ).toMatchObject({ version: 2, author: { id: a.client.id } });
    expect(
      dataOf(await client(`mutation M($id: ID!) { publishContentItem(id: $id) { status } }`, { id: own.id }))
        .publishContentItem.status,
    ).toBe('PUBLISHED');
    expect(
      dataOf(await admin(`mutation M($id: ID!) { archiveContentItem(id: $id) { status } }`, { id: own.id }))
        .archiveContentItem.status,
    ).toBe('ARCHIVED');
    expect(failure(await client(`{ cmsAuditLog { totalCount } }`)).code).toBe('FORBIDDEN');
  });
});

describe('CMS audit trail', () => {
  const auditQuery = /* GraphQL */ `query A($entityId: ID) { cmsAuditLog(entityId: $entityId, first: 100) { totalCount edges { node { action actorId actorRole entityType tenantId changes } } } }`;

  it('records every write with its actor in the same transaction, and nothing for a refused one', async () => {
    const admin = as(a.admin.token);
    const type = await createArticleType(admin);
    const item = await createItem(admin, type.id);
    dataOf(await admin(updateItemMutation, { id: item.id, input: { title: 'Audited' } }));
    dataOf(await admin(`mutation M($id: ID!) { publishContentItem(id: $id) { id } }`, { id: item.id }));
    const refusedInside = await admin(`mutation M($id: ID!) { publishContentItem(id: $id) { id } }`, { id: item.id });
    expect(failure(refusedInside).code).toBe('BAD_USER_INPUT');
    const other = await createItem(admin, type.id);
    expect(failure(await admin(updateItemMutation, { id: other.id, input: { slug: item.slug } })).code).toBe(
      'CONFLICT',
    );
    const trail = dataOf(await admin(auditQuery, { entityId: item.id })).cmsAuditLog;
    expect(trail.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual([
      'content_item.create',
      'content_item.update',
      'content_item.publish',
    ]);
    expect(trail.edges[0].node).toMatchObject({
      actorId: a.admin.id,
      actorRole: 'ADMIN',
      entityType: 'ContentItem',
      tenantId: a.tenant.id,
    });
    expect(JSON.parse(trail.edges[2].node.changes)).toMatchObject({ from: 'DRAFT', to: 'PUBLISHED' });
    expect(dataOf(await admin(auditQuery, { entityId: other.id })).cmsAuditLog.totalCount).toBe(1);
    expect(dataOf(await admin(auditQuery, { entityId: type.id })).cmsAuditLog.edges[0].node.action).toBe(
      'content_type.create',
    );
    const foreign = dataOf(await as(b.admin.token)(auditQuery, { entityId: item.id })).cmsAuditLog;
    expect(foreign.totalCount).toBe(0);
  });

  it('records media, page and type writes too', async () => {
    const admin = as(a.admin.token);
    const media = await uploadPng(admin);
    dataOf(await admin(`mutation D($id: ID!) { deleteMedia(id: $id) }`, { id: media.id }));
    const page = await createPage(admin);
    dataOf(await admin(movePageMutation, { id: page.id, parentId: null, sortOrder: 3 }));
    const actions = async (entityId: string) =>
      dataOf(await admin(auditQuery, { entityId })).cmsAuditLog.edges.map(
        (edge: { node: { action: string } }) => edge.node.action,
      );
    expect(await actions(media.id)).toEqual(['media.upload', 'media.delete']);
    expect(await actions(page.id)).toEqual(['page.create', 'page.move']);
  });
});
