import { randomUUID } from 'node:crypto';
import { bearer } from './actors.ts';
import { graphql, type GraphQLResponse } from './graphql.ts';

/** One caller's CMS requests through the gateway. */
export const as =
  (token: string) =>
  (query: string, variables: Record<string, unknown> = {}) =>
    graphql(query, variables, { headers: bearer(token) });
export type Caller = ReturnType<typeof as>;

/** The data of an answer that must have succeeded (fails the test with the errors otherwise). */
// biome-ignore lint/suspicious/noExplicitAny: the answers of ad-hoc test queries are read by property path
export function dataOf<T = Record<string, any>>(response: GraphQLResponse<T>): T {
  if (response.body.errors?.length || !response.body.data)
    throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data;
}

/** The first error's code and field, for `toEqual`. */
export const failure = (response: GraphQLResponse) => ({
  code: response.body.errors?.[0]?.extensions?.code,
  field: response.body.errors?.[0]?.extensions?.field,
});

export const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

export const itemFields = /* GraphQL */ `id tenantId contentTypeId title slug data status publishedAt version seo author { id } createdAt updatedAt`;

export const createTypeMutation = /* GraphQL */ `mutation CreateType($input: CreateContentTypeInput!) { createContentType(input: $input) { id slug name fields { name label type required options min max maxLength referenceTypeId } } }`;
export const createItemMutation = /* GraphQL */ `mutation CreateItem($input: CreateContentItemInput!) { createContentItem(input: $input) { ${itemFields} } }`;
export const updateItemMutation = /* GraphQL */ `mutation UpdateItem($id: ID!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, input: $input) { ${itemFields} } }`;
export const createPageMutation = /* GraphQL */ `mutation CreatePage($input: CreatePageInput!) { createPage(input: $input) { id slug parentId sortOrder status publishedAt } }`;
export const movePageMutation = /* GraphQL */ `mutation MovePage($id: ID!, $parentId: ID, $sortOrder: Int) { movePage(id: $id, parentId: $parentId, sortOrder: $sortOrder) { id parentId sortOrder } }`;
export const uploadMutation = /* GraphQL */ `mutation Upload($input: UploadMediaInput!) { uploadMedia(input: $input) { id tenantId name mimeType size sha256 path altText caption uploadedBy { id } } }`;

/** An article type: a required title-ish text, an optional bounded number, an enum and a date. */
export const articleFields = [
  { name: 'body', label: 'Body', type: 'RICH_TEXT', required: true },
  { name: 'rating', type: 'NUMBER', min: 0, max: 5 },
  { name: 'category', type: 'ENUM', options: ['news', 'guide'] },
  { name: 'publishOn', type: 'DATE' },
  { name: 'contact', type: 'EMAIL' },
  { name: 'link', type: 'URL' },
  { name: 'featured', type: 'BOOLEAN' },
];

export async function createArticleType(caller: Caller, extra: Record<string, unknown> = {}) {
  const slug = unique('article');
  return dataOf(
    await caller(createTypeMutation, { input: { slug, name: `Article ${slug}`, fields: articleFields, ...extra } }),
  ).createContentType as { id: string; slug: string };
}

export async function createItem(caller: Caller, contentTypeId: string, overrides: Record<string, unknown> = {}) {
  const title = unique('Item');
  const input = { contentTypeId, title, data: { body: `<p>${title}</p>` }, ...overrides };
  return dataOf(await caller(createItemMutation, { input })).createContentItem as {
    id: string;
    slug: string;
    version: number;
    status: string;
    data: Record<string, unknown>;
  };
}

export async function createPage(caller: Caller, input: Record<string, unknown> = {}) {
  const slug = unique('page');
  return dataOf(await caller(createPageMutation, { input: { title: slug, slug, ...input } })).createPage as {
    id: string;
    slug: string;
    parentId: string | null;
    sortOrder: number;
  };
}

/** The smallest valid PNG (1×1 pixel), base64. */
export const pngBase64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export async function uploadPng(caller: Caller, input: Record<string, unknown> = {}) {
  return dataOf(
    await caller(uploadMutation, {
      input: { name: `${unique('pixel')}.png`, mimeType: 'image/png', contentBase64: pngBase64, ...input },
    }),
  ).uploadMedia as {
    id: string;
    path: string;
    size: number;
    sha256: string;
  };
}
