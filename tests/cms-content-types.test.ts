import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  articleFields,
  as,
  createArticleType,
  createItem,
  createTypeMutation,
  dataOf,
  failure,
  unique,
  type Caller,
} from './support/cms-operations.ts';

const typeQuery = /* GraphQL */ `query T($id: ID!) { contentType(id: $id) { id slug name description fields { name label type required options min max } createdBy { id } } }`;
const updateType = /* GraphQL */ `mutation U($id: ID!, $input: UpdateContentTypeInput!) { updateContentType(id: $id, input: $input) { id slug name fields { name type } } }`;
const deleteType = /* GraphQL */ `mutation D($id: ID!) { deleteContentType(id: $id) }`;
const deleteItem = /* GraphQL */ `mutation D($id: ID!) { deleteContentItem(id: $id) }`;

let actors: TenantActors;
let admin: Caller;
let client: Caller;
let superadmin: Caller;
beforeAll(async () => {
  const superToken = await superadminToken();
  actors = await createTenantWithUsers(superToken, 'cms-types');
  admin = as(actors.admin.token);
  client = as(actors.client.token);
  superadmin = as(superToken);
});

const createWithFields = (fields: unknown[]) =>
  admin(createTypeMutation, { input: { slug: unique('t'), name: 'Type', fields } });

describe('content types', () => {
  it('an ADMIN creates a type whose field list is read back with defaults filled in, by id and by slug', async () => {
    const slug = unique('article');
    const created = dataOf(
      await admin(createTypeMutation, { input: { slug, name: 'Article', description: 'News', fields: articleFields } }),
    ).createContentType;
    expect(created.slug).toBe(slug);
    const read = dataOf(await admin(typeQuery, { id: created.id })).contentType;
    expect(read).toMatchObject({ name: 'Article', description: 'News', createdBy: { id: actors.admin.id } });
    expect(read.fields[0]).toEqual({
      name: 'body',
      label: 'Body',
      type: 'RICH_TEXT',
      required: true,
      options: null,
      min: null,
      max: null,
    });
    expect(read.fields[1]).toMatchObject({
      name: 'rating',
      label: 'rating',
      type: 'NUMBER',
      required: false,
      min: 0,
      max: 5,
    });
    expect(read.fields[2]).toMatchObject({ type: 'ENUM', options: ['news', 'guide'] });
    const bySlug = dataOf(
      await client(`query S($slug: String!) { contentTypeBySlug(slug: $slug) { id } }`, { slug }),
    ).contentTypeBySlug;
    expect(bySlug.id).toBe(created.id);
  });

  it.each([
    ['a name that is no identifier', [{ name: '1st', type: 'TEXT' }], 'input.fields.0.name'],
    [
      'two fields with one name',
      [
        { name: 'title', type: 'TEXT' },
        { name: 'Title', type: 'TEXT' },
      ],
      'input.fields.1.name',
    ],
    ['an ENUM without options', [{ name: 'kind', type: 'ENUM' }], 'input.fields.0.options'],
    ['duplicate ENUM options', [{ name: 'kind', type: 'ENUM', options: ['a', 'a'] }], 'input.fields.0.options'],
    ['options on a TEXT field', [{ name: 'kind', type: 'TEXT', options: ['a'] }], 'input.fields.0.options'],
    ['a minimum on a BOOLEAN field', [{ name: 'flag', type: 'BOOLEAN', min: 1 }], 'input.fields.0.min'],
    ['a maximum below the minimum', [{ name: 'n', type: 'NUMBER', min: 5, max: 1 }], 'input.fields.0.max'],
    ['a maxLength on a NUMBER field', [{ name: 'n', type: 'NUMBER', maxLength: 3 }], 'input.fields.0.maxLength'],
    [
      'a REFERENCE to a type that does not exist',
      [{ name: 'ref', type: 'REFERENCE', referenceTypeId: '00000000-0000-4000-8000-000000000999' }],
      'input.fields.0.referenceTypeId',
    ],
  ])('refuses %s with BAD_USER_INPUT on the field path', async (_case, fields, field) => {
    expect(failure(await createWithFields(fields))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses a slug that is taken in the tenant with CONFLICT, but another tenant may use it', async () => {
    const type = await createArticleType(admin);
    const again = await admin(createTypeMutation, { input: { slug: type.slug, name: 'Again', fields: [] } });
    expect(failure(again)).toEqual({ code: 'CONFLICT', field: 'input.slug' });
    const other = await createTenantWithUsers(await superadminToken(), 'cms-types-other');
    const elsewhere = await as(other.admin.token)(createTypeMutation, {
      input: { slug: type.slug, name: 'Same slug', fields: [] },
    });
    expect(dataOf(elsewhere).createContentType.slug).toBe(type.slug);
    const renamed = await admin(updateType, { id: (await createArticleType(admin)).id, input: { slug: type.slug } });
    expect(failure(renamed)).toEqual({ code: 'CONFLICT', field: 'input.slug' });
  });

  it('updateContentType replaces the field list and validates it like creation', async () => {
    const type = await createArticleType(admin);
    const updated = dataOf(
      await admin(updateType, {
        id: type.id,
        input: { name: 'Renamed', fields: [{ name: 'summary', type: 'TEXT', maxLength: 10 }] },
      }),
    ).updateContentType;
    expect(updated).toMatchObject({ name: 'Renamed', slug: type.slug, fields: [{ name: 'summary', type: 'TEXT' }] });
    expect(
      failure(await admin(updateType, { id: type.id, input: { fields: [{ name: 'x y', type: 'TEXT' }] } })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.fields.0.name' });
  });

  it('deleteContentType is refused with CONFLICT while items exist or another type references it, then succeeds', async () => {
    const type = await createArticleType(admin);
    const item = await createItem(admin, type.id);
    expect(failure(await admin(deleteType, { id: type.id }))).toEqual({ code: 'CONFLICT', field: 'id' });
    dataOf(await admin(deleteItem, { id: item.id }));
    const referencing = dataOf(
      await admin(createTypeMutation, {
        input: {
          slug: unique('ref'),
          name: 'Ref',
          fields: [{ name: 'article', type: 'REFERENCE', referenceTypeId: type.id }],
        },
      }),
    ).createContentType;
    expect(failure(await admin(deleteType, { id: type.id }))).toEqual({ code: 'CONFLICT', field: 'id' });
    dataOf(await admin(deleteType, { id: referencing.id }));
    expect(dataOf(await admin(deleteType, { id: type.id })).deleteContentType).toBe(type.id);
    expect(dataOf(await admin(typeQuery, { id: type.id })).contentType).toBeNull();
    expect(failure(await admin(deleteType, { id: type.id }))).toEqual({ code: 'NOT_FOUND', field: undefined });
  });

  it('a CLIENT reads content types but may not create, change or delete them', async () => {
    const type = await createArticleType(admin);
    expect(dataOf(await client(typeQuery, { id: type.id })).contentType.id).toBe(type.id);
    expect(
      failure(await client(createTypeMutation, { input: { slug: unique('c'), name: 'C', fields: [] } })).code,
    ).toBe('FORBIDDEN');
    expect(failure(await client(updateType, { id: type.id, input: { name: 'C' } })).code).toBe('FORBIDDEN');
    expect(failure(await client(deleteType, { id: type.id })).code).toBe('FORBIDDEN');
  });

  it('a SUPERADMIN names the tenant to create in and to look a slug up in', async () => {
    const slug = unique('super');
    expect(failure(await superadmin(createTypeMutation, { input: { slug, name: 'S', fields: [] } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.tenantId',
    });
    const created = dataOf(
      await superadmin(createTypeMutation, { input: { slug, name: 'S', fields: [], tenantId: actors.tenant.id } }),
    ).createContentType;
    const lookup = `query S($slug: String!, $tenantId: ID) { contentTypeBySlug(slug: $slug, tenantId: $tenantId) { id tenantId } }`;
    expect(failure(await superadmin(lookup, { slug }))).toEqual({ code: 'BAD_USER_INPUT', field: 'tenantId' });
    expect(dataOf(await superadmin(lookup, { slug, tenantId: actors.tenant.id })).contentTypeBySlug).toEqual({
      id: created.id,
      tenantId: actors.tenant.id,
    });
    expect(dataOf(await admin(lookup, { slug })).contentTypeBySlug.id).toBe(created.id);
  });

  it('pages through content types with cursors in the order asked for, within the page size bounds', async () => {
    const tenant = await createTenantWithUsers(await superadminToken(), 'cms-types-pages');
    const own = as(tenant.admin.token);
    for (const name of ['Charlie', 'Alpha', 'Bravo'])
      dataOf(await own(createTypeMutation, { input: { slug: unique(name.toLowerCase()), name, fields: [] } }));
    const list = `query L($first: Int, $after: String, $orderBy: ContentTypeOrder) { contentTypes(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const byName = { field: 'NAME', direction: 'ASC' };
    const first = dataOf(await own(list, { first: 2, orderBy: byName })).contentTypes;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Alpha', 'Bravo']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = dataOf(await own(list, { first: 2, after: first.pageInfo.endCursor, orderBy: byName })).contentTypes;
    expect(second.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['Charlie']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const empty = dataOf(await own(list, { first: 0 })).contentTypes;
    expect(empty.edges).toEqual([]);
    expect(empty.totalCount).toBe(3);
    expect(failure(await own(list, { first: 101 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(failure(await own(list, { first: 2, after: first.pageInfo.endCursor }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
