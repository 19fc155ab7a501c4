import { databaseName } from '@codex/kit';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

/**
 * The analytics database refuses events more than an hour ahead of its clock (migration
 * `events_not_in_the_future`), on every partition: newest-first events pages rely on it when they
 * read a window of months that ends a day ahead, and PostgreSQL then plans only that window's
 * partitions.
 */
const adminUrl = inject('adminDatabaseUrl').replace(/\/postgres$/, `/${databaseName('analytics')}`);
const tenant = '11111111-1111-4111-8111-111111111111';

async function inRolledBackTransaction(work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await work(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

const insertAt = (client: pg.Client, table: string, occurredAt: string) =>
  client.query(
    `INSERT INTO ${table} (tenant_id, occurred_at, idempotency_key, name) VALUES ($1, ${occurredAt}, gen_random_uuid()::text, 'page_view')`,
    [tenant],
  );

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe('events from the future', () => {
  it('are refused past an hour ahead of the database clock, in partitions made later too', async () => {
    await inRolledBackTransaction(async (client) => {
      await insertAt(client, 'events', `now() + interval '30 minutes'`);
      await client.query('SAVEPOINT later');
      expect(await refusal(insertAt(client, 'events', `now() + interval '2 hours'`))).toEqual({
        code: '23514',
        message: expect.stringMatching(/^An event cannot have happened after /),
      });
      await client.query('ROLLBACK TO SAVEPOINT later');
      await client.query(`SELECT analytics_create_event_partition('2099-01-01')`);
      expect((await refusal(insertAt(client, 'events_p2099_01', `'2099-01-15T00:00:00Z'`)))?.code).toBe('23514');
      await client.query('ROLLBACK TO SAVEPOINT later');
      expect((await refusal(client.query(`UPDATE events SET occurred_at = now() + interval '2 hours'`)))?.code).toBe(
        '23514',
      );
    });
  });

  it('need not be looked for: a window of months bounded both ways is planned on its partitions only', async () => {
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    const nextMonthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    await inRolledBackTransaction(async (client) => {
      const planned = async (bounds: string) => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT id FROM events WHERE tenant_id = '${tenant}' AND ${bounds} ORDER BY occurred_at DESC, id DESC LIMIT 21`,
        );
        return [
          ...new Set(
            rows
              .map((row) => row['QUERY PLAN'])
              .join('\n')
              .match(/events_(p\d{4}_\d{2}|default)/g),
          ),
        ];
      };
      const month = monthStart.slice(0, 7).replace('-', '_');
      expect(await planned(`occurred_at >= '${monthStart}' AND occurred_at < '${nextMonthStart}'`)).toEqual([
        `events_p${month}`,
      ]);
      // Bounded below only, the months kept ahead and the default partition are planned too.
      expect(await planned(`occurred_at >= '${monthStart}'`)).toEqual(
        expect.arrayContaining([`events_p${month}`, 'events_default']),
      );
    });
  });
});
