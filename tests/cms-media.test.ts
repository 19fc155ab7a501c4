import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { allTenants, createLogger, type Identity } from '@codex/kit';
import {
  createCmsDatabase,
  loadCmsSettings,
  localMediaStorage,
  scopeCmsDatabase,
  uploadMedia,
} from '@codex/subgraph-cms';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import { as, dataOf, failure, pngBase64, uploadMutation, uploadPng, type Caller } from './support/cms-operations.ts';
import { connectDatabases } from './support/databases.ts';

/** The services run with this process's environment, so they store media where these settings say. */
const { mediaDir } = loadCmsSettings();
const fileOnDisk = (key: string) => path.join(mediaDir, key);
const db = connectDatabases();
afterAll(() => db.disconnect());

const mediaQuery = /* GraphQL */ `query M($id: ID!) { mediaFile(id: $id) { id name size sha256 mimeType altText caption contentBase64 uploadedBy { id } } }`;
const updateMedia = /* GraphQL */ `mutation U($id: ID!, $input: UpdateMediaInput!) { updateMedia(id: $id, input: $input) { id name altText caption } }`;
const deleteMedia = /* GraphQL */ `mutation D($id: ID!) { deleteMedia(id: $id) }`;

let actors: TenantActors;
let admin: Caller;
let client: Caller;
beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'cms-media');
  admin = as(actors.admin.token);
  client = as(actors.client.token);
});

const upload = (input: Record<string, unknown>) =>
  admin(uploadMutation, {
    input: { name: 'file', mimeType: 'text/plain', contentBase64: Buffer.from('hello').toString('base64'), ...input },
  });

describe('media files', () => {
  it('uploadMedia stores the bytes on disk and records their decoded size and SHA-256; contentBase64 gives them back', async () => {
    const bytes = Buffer.from(pngBase64, 'base64');
    const file = await uploadPng(admin, { altText: 'A pixel', caption: 'Tiny' });
    expect(file).toMatchObject({
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      path: `${actors.tenant.id}/${file.id}`,
    });
    expect(existsSync(fileOnDisk(file.path))).toBe(true);
    const read = dataOf(await admin(mediaQuery, { id: file.id })).mediaFile;
    expect(read).toMatchObject({
      mimeType: 'image/png',
      altText: 'A pixel',
      caption: 'Tiny',
      contentBase64: pngBase64,
      uploadedBy: { id: actors.admin.id },
    });
  });

  it('accepts exactly 512 KiB and refuses one byte more with BAD_USER_INPUT on input.contentBase64', async () => {
    const limit = 512 * 1024;
    const atLimit = dataOf(await upload({ contentBase64: Buffer.alloc(limit, 'a').toString('base64') })).uploadMedia;
    expect(atLimit.size).toBe(limit);
    dataOf(await admin(deleteMedia, { id: atLimit.id }));
    const tooBig = await upload({ contentBase64: Buffer.alloc(limit + 1, 'a').toString('base64') });
    expect(failure(tooBig)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.contentBase64' });
    expect(tooBig.body.errors?.[0]?.message).toContain('524288');
  });

  it.each([
    ['a mime type outside the allow-list', { mimeType: 'application/x-msdownload' }, 'input.mimeType'],
    [
      'bytes that are not the declared type',
      { mimeType: 'image/png', contentBase64: Buffer.from('not a png').toString('base64') },
      'input.contentBase64',
    ],
    [
      'text that is not valid JSON as application/json',
      { mimeType: 'application/json', contentBase64: Buffer.from('{nope').toString('base64') },
      'input.contentBase64',
    ],
    ['content that is not base64', { contentBase64: 'this is *not* base64!' }, 'input.contentBase64'],
    ['an empty file', { contentBase64: '' }, 'input.contentBase64'],
    ['an empty name', { name: '  ' }, 'input.name'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, input, field) => {
    expect(failure(await upload(input))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('updateMedia changes name, alt text and caption; mediaFiles filters by mime type prefix and name', async () => {
    const tenant = await createTenantWithUsers(await superadminToken(), 'cms-media-list');
    const own = as(tenant.admin.token);
    const image = await uploadPng(own, { name: 'zebra.png' });
    dataOf(
      await own(uploadMutation, {
        input: { name: 'notes.txt', mimeType: 'text/plain', contentBase64: Buffer.from('notes').toString('base64') },
      }),
    );
    const updated = dataOf(
      await own(updateMedia, { id: image.id, input: { name: 'zebra-2.png', altText: 'A zebra', caption: null } }),
    ).updateMedia;
    expect(updated).toEqual({ id: image.id, name: 'zebra-2.png', altText: 'A zebra', caption: null });
    const list = `query L($filter: MediaFileFilter, $orderBy: MediaFileOrder) { mediaFiles(filter: $filter, orderBy: $orderBy) { totalCount edges { node { name } } } }`;
    const names = async (variables: Record<string, unknown>) =>
      dataOf(await own(list, variables)).mediaFiles.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(await names({ filter: { mimeTypePrefix: 'image/' } })).toEqual(['zebra-2.png']);
    expect(await names({ filter: { search: 'NOTES' } })).toEqual(['notes.txt']);
    expect(await names({ orderBy: { field: 'NAME', direction: 'ASC' } })).toEqual(['notes.txt', 'zebra-2.png']);
    expect(failure(await own(updateMedia, { id: image.id, input: {} }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
  });

  it('deleteMedia removes the row and then the file from disk', async () => {
    const file = await uploadPng(admin);
    expect(existsSync(fileOnDisk(file.path))).toBe(true);
    expect(dataOf(await admin(deleteMedia, { id: file.id })).deleteMedia).toBe(file.id);
    expect(existsSync(fileOnDisk(file.path))).toBe(false);
    expect(await db.cms.mediaFile.findUnique({ where: { id: file.id } })).toBeNull();
    expect(dataOf(await admin(mediaQuery, { id: file.id })).mediaFile).toBeNull();
    expect(failure(await admin(deleteMedia, { id: file.id })).code).toBe('NOT_FOUND');
  });

  it('a CLIENT uploads and manages its own files but gets FORBIDDEN for another user’s; an ADMIN manages all', async () => {
    const own = await uploadPng(client);
    const adminsFile = await uploadPng(admin);
    expect(dataOf(await client(updateMedia, { id: own.id, input: { altText: 'mine' } })).updateMedia.altText).toBe(
      'mine',
    );
    expect(failure(await client(updateMedia, { id: adminsFile.id, input: { altText: 'theirs' } })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await client(deleteMedia, { id: adminsFile.id })).code).toBe('FORBIDDEN');
    expect(existsSync(fileOnDisk(adminsFile.path))).toBe(true);
    expect(dataOf(await client(mediaQuery, { id: adminsFile.id })).mediaFile.id).toBe(adminsFile.id);
    expect(dataOf(await admin(deleteMedia, { id: own.id })).deleteMedia).toBe(own.id);
    expect(existsSync(fileOnDisk(own.path))).toBe(false);
  });

  it('an upload whose transaction fails leaves no bytes behind', async () => {
    // A request scoped to one tenant that names another: the scoped database refuses the row inside the transaction.
    const [scopedTo, claimed] = [randomUUID(), randomUUID()];
    const unscoped = createCmsDatabase(inject('databaseUrls').cms);
    try {
      const identity: Identity = {
        kind: 'user',
        subjectId: randomUUID(),
        tenantId: claimed,
        role: 'ADMIN',
        scopes: [],
        sessionId: null,
      };
      const request = {
        db: scopeCmsDatabase(unscoped, { kind: 'tenant', tenantId: scopedTo }),
        dataScope: { kind: 'tenant' as const, tenantId: scopedTo },
        identity,
        requestId: randomUUID(),
        storage: localMediaStorage(mediaDir),
        logger: createLogger({ service: 'cms-test', level: 'silent' }),
      };
      await expect(
        uploadMedia(request, { name: 'x.png', mimeType: 'image/png', contentBase64: pngBase64 }),
      ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const leftovers = existsSync(path.join(mediaDir, claimed)) ? readdirSync(path.join(mediaDir, claimed)) : [];
      expect(leftovers).toEqual([]);
      expect(await scopeCmsDatabase(unscoped, allTenants).mediaFile.count({ where: { tenantId: claimed } })).toBe(0);
    } finally {
      await unscoped.$disconnect();
    }
  });
});
