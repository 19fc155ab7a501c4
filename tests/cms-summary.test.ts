import { allTenants, withScope } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithUsers, superadminToken, type TenantActors } from './support/actors.ts';
import {
  as,
  createArticleType,
  createItem,
  createPage,
  dataOf,
  uploadMutation,
  type Caller,
} from './support/cms-operations.ts';
import { connectDatabases } from './support/databases.ts';
import { platformPartOf, settled } from './support/platform-overview.ts';
import { identityOf } from './support/subgraph-request.ts';

const db = connectDatabases();
afterAll(() => db.disconnect());

const figures =
  'totalContentItems publishedContentItems draftContentItems archivedContentItems mediaFiles mediaBytes pages publishedPages';
type Summary = Record<string, number>;

/** The same figures computed straight from the base tables (`where` narrows to one tenant or none). */
const directSql = (where: string) => `
  SELECT
    (SELECT count(*) FROM content_items ${where})::int AS "totalContentItems",
    (SELECT count(*) FROM content_items ${where} ${where ? 'AND' : 'WHERE'} status = 'PUBLISHED')::int AS "publishedContentItems",
    (SELECT count(*) FROM content_items ${where} ${where ? 'AND' : 'WHERE'} status = 'DRAFT')::int AS "draftContentItems",
    (SELECT count(*) FROM content_items ${where} ${where ? 'AND' : 'WHERE'} status = 'ARCHIVED')::int AS "archivedContentItems",
    (SELECT count(*) FROM media_files ${where})::int AS "mediaFiles",
    (SELECT coalesce(sum(size), 0) FROM media_files ${where})::float8 AS "mediaBytes",
    (SELECT count(*) FROM pages ${where})::int AS "pages",
    (SELECT count(*) FROM pages ${where} ${where ? 'AND' : 'WHERE'} status = 'PUBLISHED')::int AS "publishedPages"`;

/** One tenant's row of cms_tenant_stats, named like the summary's figures. */
const statsSql = `SELECT content_items AS "totalContentItems", published_content_items AS "publishedContentItems", draft_content_items AS "draftContentItems",
    archived_content_items AS "archivedContentItems", media_files AS "mediaFiles", media_bytes::float8 AS "mediaBytes", pages, published_pages AS "publishedPages"
  FROM cms_tenant_stats WHERE tenant_id = $1::uuid`;

const direct = async (tenantId: string | null): Promise<Summary> =>
  withScope(db.cms, allTenants, async (tx) => {
    const rows = tenantId
      ? await tx.$queryRawUnsafe<Summary[]>(directSql('WHERE tenant_id = $1::uuid'), tenantId)
      : await tx.$queryRawUnsafe<Summary[]>(directSql(''));
    return rows[0]!;
  });

/** Items per UTC day of the last 30 days, every tenant, straight from content_items. */
const directGrowth = () =>
  withScope(db.cms, allTenants, (tx) =>
    tx.$queryRawUnsafe<{ day: Date; count: number }[]>(`
      SELECT d AS day, (SELECT count(*) FROM content_items WHERE created_at >= d AND created_at < d + interval '1 day')::int AS count
      FROM (SELECT t AT TIME ZONE 'UTC' AS d FROM generate_series((now() AT TIME ZONE 'UTC')::date - 29, (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS t) AS days
      ORDER BY d`),
  ).then((rows) => rows.map((row) => ({ day: row.day.toISOString(), count: row.count })));

const summaryQuery = /* GraphQL */ `query S($id: ID!) { tenant(id: $id) { cms { ${figures} } } }`;
const platformSelection = `cms { ${figures} } contentGrowth { day count }`;
const platformAs = (role: 'SUPERADMIN' | 'ADMIN', tenantId: string | null) =>
  platformPartOf('cms', platformSelection, identityOf(role, tenantId));
const platform = async () => {
  const { body } = await platformAs('SUPERADMIN', null);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data._entities[0] as { id: string; cms: Summary; contentGrowth: { day: string; count: number }[] };
};

let actors: TenantActors;
let admin: Caller;
let typeId: string;
const summary = async (): Promise<Summary> => dataOf(await admin(summaryQuery, { id: actors.tenant.id })).tenant.cms;
const expectExact = async () => expect(await summary()).toEqual(await direct(actors.tenant.id));

beforeAll(async () => {
  actors = await createTenantWithUsers(await superadminToken(), 'cms-summary');
  admin = as(actors.admin.token);
  typeId = (await createArticleType(admin)).id;
});

const upload = async (text: string) =>
  dataOf(
    await admin(uploadMutation, {
      input: { name: 'notes.txt', mimeType: 'text/plain', contentBase64: Buffer.from(text).toString('base64') },
    }),
  ).uploadMedia as { id: string; size: number };

describe('Tenant.cms', () => {
  it('a new tenant has every figure at 0', async () => {
    const fresh = await createTenantWithUsers(await superadminToken(), 'cms-summary-empty');
    const { tenant } = dataOf(await as(fresh.admin.token)(summaryQuery, { id: fresh.tenant.id }));
    expect(tenant.cms).toEqual({
      totalContentItems: 0,
      publishedContentItems: 0,
      draftContentItems: 0,
      archivedContentItems: 0,
      mediaFiles: 0,
      mediaBytes: 0,
      pages: 0,
      publishedPages: 0,
    });
  });

  it('every figure equals a direct computation over the base tables, and each write shows at once', async () => {
    const start = await summary();
    const moved = (changes: Summary) =>
      expect(summary()).resolves.toEqual({
        ...start,
        ...Object.fromEntries(Object.entries(changes).map(([key, delta]) => [key, start[key]! + delta])),
      });

    const item = await createItem(admin, typeId);
    await moved({ totalContentItems: 1, draftContentItems: 1 });
    dataOf(await admin(`mutation { publishContentItem(id: "${item.id}") { id } }`));
    await moved({ totalContentItems: 1, publishedContentItems: 1 });
    dataOf(await admin(`mutation { updateContentItem(id: "${item.id}", input: { title: "Renamed" }) { id } }`));
    await moved({ totalContentItems: 1, publishedContentItems: 1 });
    dataOf(await admin(`mutation { archiveContentItem(id: "${item.id}") { id } }`));
    await moved({ totalContentItems: 1, archivedContentItems: 1 });
    await expectExact();
    dataOf(await admin(`mutation { deleteContentItem(id: "${item.id}") }`));
    await moved({});

    const file = await upload('twelve bytes');
    await moved({ mediaFiles: 1, mediaBytes: 12 });
    dataOf(await admin(`mutation { deleteMedia(id: "${file.id}") }`));
    await moved({});

    const page = await createPage(admin);
    await moved({ pages: 1 });
    dataOf(await admin(`mutation { updatePage(id: "${page.id}", input: { status: PUBLISHED }) { id } }`));
    await moved({ pages: 1, publishedPages: 1 });
    dataOf(await admin(`mutation { deletePage(id: "${page.id}") }`));
    await moved({});
    await expectExact();
  });

  it('counts a mix of statuses, sizes and pages exactly', async () => {
    const items = await Promise.all([0, 1, 2, 3, 4].map(() => createItem(admin, typeId)));
    for (const item of items.slice(0, 3))
      dataOf(await admin(`mutation { publishContentItem(id: "${item.id}") { id } }`));
    dataOf(await admin(`mutation { archiveContentItem(id: "${items[0]!.id}") { id } }`));
    await upload('a');
    await upload('b'.repeat(1000));
    await createPage(admin, { status: 'PUBLISHED' });
    await createPage(admin);
    const read = await summary();
    expect(read).toEqual(await direct(actors.tenant.id));
    expect(read.mediaBytes!).toBeGreaterThanOrEqual(1001);
    expect(read.archivedContentItems!).toBeGreaterThanOrEqual(1);
  });

  it('writes made by raw SQL (not the API) are counted too, in the same transaction', async () => {
    const tenantId = actors.tenant.id;
    await withScope(db.cms, { kind: 'tenant', tenantId }, async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO content_items (tenant_id, content_type_id, title, slug, status, published_at, author_id, created_at)
         VALUES ($1::uuid, $2::uuid, 'raw', 'raw-sql-item', 'PUBLISHED', now(), $3::uuid, now() - interval '3 days')`,
        tenantId,
        typeId,
        actors.admin.id,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO media_files (tenant_id, name, mime_type, size, path, uploader_id) VALUES ($1::uuid, 'raw', 'text/plain', 4096, 'raw', $2::uuid)`,
        tenantId,
        actors.admin.id,
      );
      await tx.$executeRawUnsafe(
        `UPDATE media_files SET size = 5000 WHERE tenant_id = $1::uuid AND name = 'raw'`,
        tenantId,
      );
      await tx.$executeRawUnsafe(
        `UPDATE content_items SET status = 'ARCHIVED' WHERE tenant_id = $1::uuid AND slug = 'raw-sql-item'`,
        tenantId,
      );
      // Fresh inside the writing transaction already.
      const [kept] = await tx.$queryRawUnsafe<Summary[]>(statsSql, tenantId);
      const [computed] = await tx.$queryRawUnsafe<Summary[]>(directSql('WHERE tenant_id = $1::uuid'), tenantId);
      expect(kept).toEqual(computed);
    });
    await expectExact();
    const days = await withScope(db.cms, allTenants, (tx) =>
      tx.$queryRawUnsafe<{ same: boolean }[]>(
        `SELECT (SELECT coalesce(jsonb_agg(jsonb_build_array(day, created_items) ORDER BY day), '[]') FROM cms_daily_content WHERE tenant_id = $1::uuid)
              = (SELECT coalesce(jsonb_agg(jsonb_build_array(day, n) ORDER BY day), '[]') FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n FROM content_items WHERE tenant_id = $1::uuid GROUP BY 1) AS d) AS same`,
        actors.tenant.id,
      ),
    );
    expect(days[0]!.same).toBe(true);
  });
});

describe('PlatformOverview (CMS part)', () => {
  it('sums every tenant: equals a direct computation over all base tables', async () => {
    const { expected, answer } = await settled(
      () => direct(null),
      async () => (await platform()).cms,
    );
    expect(answer).toEqual(expected);
  });

  it('contentGrowth: the last 30 UTC days, oldest first, items created per day', async () => {
    const { expected, answer } = await settled(directGrowth, async () => (await platform()).contentGrowth);
    expect(answer).toHaveLength(30);
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    expect(answer.at(-1)!.day).toBe(today.toISOString());
    expect(answer).toEqual(expected);
    expect(answer.reduce((sum, day) => sum + day.count, 0)).toBeGreaterThan(0);
  });

  it('a write in one tenant shows in the platform total at once', async () => {
    await createItem(admin, typeId);
    await upload('platform');
    const { expected, answer } = await settled(
      () => direct(null),
      async () => (await platform()).cms,
    );
    expect(answer).toEqual(expected);
  });

  it('is for SUPERADMINs only: an ADMIN gets FORBIDDEN and no figures', async () => {
    const { body } = await platformAs('ADMIN', actors.tenant.id);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data?._entities?.[0]?.cms ?? null).toBeNull();
  });
});

/** Runs `work` in a REPEATABLE READ transaction across tenants that is always rolled back; retried when concurrent writers get in the way. */
async function inRolledBackSnapshot<T>(
  work: (tx: Parameters<Parameters<typeof db.cms.$transaction>[0]>[0]) => Promise<T>,
): Promise<T> {
  class Rollback extends Error {
    constructor(readonly value: T) {
      super('rollback');
    }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await db.cms.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`SELECT set_config('app.all_tenants', 'on', true)`);
          throw new Rollback(await work(tx));
        },
        { isolationLevel: 'RepeatableRead', timeout: 20_000 },
      );
    } catch (error) {
      if (error instanceof Rollback) return error.value;
      if (attempt === 5) throw error;
    }
  }
}

const allStats = `SELECT coalesce(jsonb_agg(s ORDER BY tenant_id), '[]') AS stats FROM (SELECT * FROM cms_tenant_stats
  WHERE content_items <> 0 OR media_files <> 0 OR pages <> 0 OR media_bytes <> 0) AS s`;
const allDays = `SELECT coalesce(jsonb_agg(d ORDER BY tenant_id, day), '[]') AS days FROM cms_daily_content AS d`;

describe('cms_rebuild_tenant_stats()', () => {
  it('reproduces the trigger-maintained stats exactly', async () => {
    const [before, after] = await inRolledBackSnapshot(async (tx) => {
      const read = async () => [await tx.$queryRawUnsafe(allStats), await tx.$queryRawUnsafe(allDays)];
      const kept = await read();
      await tx.$executeRawUnsafe('SELECT cms_rebuild_tenant_stats()');
      return [kept, await read()];
    });
    expect(after).toEqual(before);
    expect(JSON.stringify(before)).toContain(actors.tenant.id);
  });

  it('after a bulk load with the triggers disabled, gives the figures the triggers would have kept', async () => {
    const counted = await inRolledBackSnapshot(async (tx) => {
      // One table only, and never waiting long for it: other files write content concurrently.
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '2s'`);
      await tx.$executeRawUnsafe('ALTER TABLE content_items DISABLE TRIGGER USER');
      await tx.$executeRawUnsafe(
        `INSERT INTO content_items (tenant_id, content_type_id, title, slug, author_id, created_at)
         SELECT $1::uuid, $2::uuid, 'bulk', 'bulk-' || n, $3::uuid, now() - n * interval '1 hour' FROM generate_series(1, 500) AS n`,
        actors.tenant.id,
        typeId,
        actors.admin.id,
      );
      await tx.$executeRawUnsafe('ALTER TABLE content_items ENABLE TRIGGER USER');
      const [stale] = await tx.$queryRawUnsafe<{ items: number }[]>(
        `SELECT content_items AS items FROM cms_tenant_stats WHERE tenant_id = $1::uuid`,
        actors.tenant.id,
      );
      await tx.$executeRawUnsafe('SELECT cms_rebuild_tenant_stats()');
      const [rebuilt] = await tx.$queryRawUnsafe<Summary[]>(statsSql, actors.tenant.id);
      const [computed] = await tx.$queryRawUnsafe<Summary[]>(directSql('WHERE tenant_id = $1::uuid'), actors.tenant.id);
      return { stale: stale!.items, rebuilt, computed };
    });
    expect(counted.rebuilt).toEqual(counted.computed);
    expect(counted.rebuilt!.totalContentItems).toBe(counted.stale + 500);
  });
});
