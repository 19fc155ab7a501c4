import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createPage,
  createPageMutation,
  dataOf,
  failure,
  movePageMutation,
  unique,
  type Caller,
} from './support/cms-operations.ts';

const pageQuery = /* GraphQL */ `query P($id: ID!) { page(id: $id) { id title slug template blocks sortOrder status publishedAt seo { title description keywords noIndex } author { id }
  parent { id } children { id slug sortOrder children { id } } } }`;
const updatePage = /* GraphQL */ `mutation U($id: ID!, $input: UpdatePageInput!) { updatePage(id: $id, input: $input) { id title status publishedAt blocks seo { title keywords } } }`;
const deletePage = /* GraphQL */ `mutation D($id: ID!) { deletePage(id: $id) }`;

let actors: TenantActors;
let admin: Caller;
beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'cms-pages');
  admin = as(actors.admin.token);
});

describe('pages', () => {
  it('builds a tree: children in sibling order, parents, blocks and SEO, looked up by slug', async () => {
    const root = await createPage(admin, {
      title: 'Home',
      template: 'landing',
      blocks: [
        { type: 'hero', heading: 'Hi' },
        { type: 'text', body: 'Welcome' },
      ],
      seo: { title: 'Home | Site', keywords: ['home'], noIndex: true },
      status: 'PUBLISHED',
    });
    const second = await createPage(admin, { parentId: root.id });
    const first = await createPage(admin, { parentId: root.id, sortOrder: 0 });
    expect(second.sortOrder).toBe(0);
    expect(first.sortOrder).toBe(0);
    const third = await createPage(admin, { parentId: root.id });
    expect(third.sortOrder).toBe(1);
    const grandchild = await createPage(admin, { parentId: third.id });
    const read = dataOf(await admin(pageQuery, { id: root.id })).page;
    expect(read).toMatchObject({
      template: 'landing',
      status: 'PUBLISHED',
      parent: null,
      author: { id: actors.admin.id },
      seo: { title: 'Home | Site', keywords: ['home'], noIndex: true },
    });
    expect(read.publishedAt).not.toBeNull();
    expect(read.blocks).toEqual([
      { type: 'hero', heading: 'Hi' },
      { type: 'text', body: 'Welcome' },
    ]);
    expect(new Set(read.children.slice(0, 2).map((child: { id: string }) => child.id))).toEqual(
      new Set([first.id, second.id]),
    );
    expect(read.children[2]).toMatchObject({ id: third.id, children: [{ id: grandchild.id }] });
    expect(dataOf(await admin(pageQuery, { id: grandchild.id })).page.parent.id).toBe(third.id);
    const bySlug = dataOf(
      await as(actors.client.token)(`query S($slug: String!) { pageBySlug(slug: $slug) { id } }`, { slug: third.slug }),
    ).pageBySlug;
    expect(bySlug.id).toBe(third.id);
  });

  it('lists pages under a parent or at the top level, in sibling order, paged', async () => {
    const tenant = await createTenantWithUsers(await superadminToken(), 'cms-pages-list');
    const own = as(tenant.admin.token);
    const [a, b] = [await createPage(own, { title: 'A' }), await createPage(own, { title: 'B' })];
    const [child1, child2] = [await createPage(own, { parentId: a.id }), await createPage(own, { parentId: a.id })];
    const list = `query L($parentId: ID, $rootOnly: Boolean, $first: Int, $after: String) { pages(parentId: $parentId, rootOnly: $rootOnly, first: $first, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const ids = async (variables: Record<string, unknown>) =>
      dataOf(await own(list, variables)).pages.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(await ids({ rootOnly: true })).toEqual([a.id, b.id]);
    expect(await ids({ parentId: a.id })).toEqual([child1.id, child2.id]);
    expect(dataOf(await own(list, {})).pages.totalCount).toBe(4);
    const firstPage = dataOf(await own(list, { parentId: a.id, first: 1 })).pages;
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect(await ids({ parentId: a.id, first: 1, after: firstPage.pageInfo.endCursor })).toEqual([child2.id]);
    expect(failure(await own(list, { parentId: a.id, rootOnly: true }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'rootOnly',
    });
  });

  it('moves a page to another parent, to the top level and to a given place', async () => {
    const [left, right] = [await createPage(admin), await createPage(admin)];
    const page = await createPage(admin, { parentId: left.id });
    const moved = dataOf(await admin(movePageMutation, { id: page.id, parentId: right.id, sortOrder: 7 })).movePage;
    expect(moved).toEqual({ id: page.id, parentId: right.id, sortOrder: 7 });
    expect(dataOf(await admin(pageQuery, { id: left.id })).page.children).toEqual([]);
    const top = dataOf(await admin(movePageMutation, { id: page.id, parentId: null })).movePage;
    expect(top.parentId).toBeNull();
  });

  it('refuses a move under the page itself or any of its descendants with BAD_USER_INPUT on parentId', async () => {
    const root = await createPage(admin);
    const child = await createPage(admin, { parentId: root.id });
    const grandchild = await createPage(admin, { parentId: child.id });
    const greatGrandchild = await createPage(admin, { parentId: grandchild.id });
    for (const parentId of [root.id, child.id, grandchild.id, greatGrandchild.id]) {
      const response = await admin(movePageMutation, { id: root.id, parentId });
      expect(failure(response)).toEqual({ code: 'BAD_USER_INPUT', field: 'parentId' });
    }
    expect(failure(await admin(movePageMutation, { id: child.id, parentId: greatGrandchild.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'parentId',
    });
    expect(dataOf(await admin(pageQuery, { id: root.id })).page.parent).toBeNull();
    expect(failure(await admin(movePageMutation, { id: root.id, parentId: randomUUID() })).code).toBe('NOT_FOUND');
  });

  it('two concurrent opposite moves never make a loop: one of them is refused', async () => {
    const [a, b] = [await createPage(admin), await createPage(admin)];
    const results = await Promise.all([
      admin(movePageMutation, { id: a.id, parentId: b.id }),
      admin(movePageMutation, { id: b.id, parentId: a.id }),
    ]);
    expect(results.map((result) => (result.body.errors ? failure(result).code : 'moved')).sort()).toEqual([
      'BAD_USER_INPUT',
      'moved',
    ]);
  });

  it('refuses a taken slug with CONFLICT and deletion of a page with children with CONFLICT', async () => {
    const parent = await createPage(admin);
    const child = await createPage(admin, { parentId: parent.id });
    expect(failure(await admin(createPageMutation, { input: { title: 'Dup', slug: parent.slug } }))).toEqual({
      code: 'CONFLICT',
      field: 'input.slug',
    });
    expect(failure(await admin(updatePage, { id: child.id, input: { slug: parent.slug } }))).toEqual({
      code: 'CONFLICT',
      field: 'input.slug',
    });
    expect(failure(await admin(deletePage, { id: parent.id }))).toEqual({ code: 'CONFLICT', field: 'id' });
    expect(dataOf(await admin(deletePage, { id: child.id })).deletePage).toBe(child.id);
    expect(dataOf(await admin(deletePage, { id: parent.id })).deletePage).toBe(parent.id);
    expect(dataOf(await admin(pageQuery, { id: parent.id })).page).toBeNull();
  });

  it('updatePage replaces blocks, merges SEO fields and sets publishedAt when published; validates with field paths', async () => {
    const page = await createPage(admin, { seo: { title: 'Old', keywords: ['a'] } });
    const updated = dataOf(
      await admin(updatePage, {
        id: page.id,
        input: { blocks: [{ type: 'cta', label: 'Buy' }], seo: { title: 'New' }, status: 'PUBLISHED' },
      }),
    ).updatePage;
    expect(updated).toMatchObject({
      status: 'PUBLISHED',
      blocks: [{ type: 'cta', label: 'Buy' }],
      seo: { title: 'New', keywords: ['a'] },
    });
    expect(updated.publishedAt).not.toBeNull();
    expect(
      dataOf(await admin(updatePage, { id: page.id, input: { status: 'DRAFT' } })).updatePage.publishedAt,
    ).toBeNull();
    expect(failure(await admin(updatePage, { id: page.id, input: { blocks: [{ heading: 'no type' }] } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.blocks.0.type',
    });
    expect(failure(await admin(updatePage, { id: page.id, input: { seo: { canonicalUrl: 'ftp://x' } } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.seo.canonicalUrl',
    });
    expect(failure(await admin(createPageMutation, { input: { title: 'T', slug: 'Not A Slug' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.slug',
    });
    expect(
      failure(await admin(createPageMutation, { input: { title: 'T', slug: unique('s'), parentId: randomUUID() } }))
        .code,
    ).toBe('NOT_FOUND');
  });

  it('a CLIENT reads pages but may not create, change, move or delete them', async () => {
    const client = as(actors.client.token);
    const page = await createPage(admin);
    expect(dataOf(await client(pageQuery, { id: page.id })).page.id).toBe(page.id);
    expect(failure(await client(createPageMutation, { input: { title: 'C', slug: unique('c') } })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await client(updatePage, { id: page.id, input: { title: 'C' } })).code).toBe('FORBIDDEN');
    expect(failure(await client(movePageMutation, { id: page.id, parentId: null })).code).toBe('FORBIDDEN');
    expect(failure(await client(deletePage, { id: page.id })).code).toBe('FORBIDDEN');
  });
});
