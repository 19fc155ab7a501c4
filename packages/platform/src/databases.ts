import pg from 'pg';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What one statement and one idle transaction of the services' role may take (README "Bounded work"). */
export interface RoleTimeouts {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * Creates (or corrects) the services' login role: never superuser, never BYPASSRLS, so the
 * row-level security policies hold for every query the services make; its sessions default to
 * bounded statements and idle transactions, so no client of the role holds a connection for long.
 * Safe to run on every start.
 */
export async function ensureAppRole(
  adminUrl: string,
  role: { name: string; password: string },
  timeouts: RoleTimeouts = { statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 10_000 },
): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const name = client.escapeIdentifier(role.name);
    const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${client.escapeLiteral(role.password)}`;
    if (!(await createRole(client, role.name, attributes))) await client.query(`ALTER ROLE ${name} ${attributes}`);
    // Integers, so interpolation is safe (SET does not take parameters).
    await client.query(`ALTER ROLE ${name} SET statement_timeout = ${Math.trunc(timeouts.statementTimeoutMs)}`);
    await client.query(
      `ALTER ROLE ${name} SET idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionTimeoutMs)}`,
    );
  });
}

/** Creates the role unless it exists; false when it already did. */
async function createRole(client: pg.Client, roleName: string, attributes: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
  if (rowCount !== 0) return false;
  try {
    await client.query(`CREATE ROLE ${client.escapeIdentifier(roleName)} ${attributes}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '42710') throw error; // a concurrent starter made it
    return false;
  }
}

/**
 * Every object in `public` that the owner does not own yet becomes its: clusters made before the
 * app role existed hold tables, types and functions owned by the superuser, and the subgraphs'
 * migrator (running as the owner) must be able to alter them.
 */
const transferPublicObjects = /* SQL */ `
DO $$
DECLARE
  owner_name name := current_setting('codex.owner');
  statement text;
BEGIN
  FOR statement IN
    SELECT format('ALTER %s %I.%I OWNER TO %I',
                  CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                  n.nspname, c.relname, owner_name)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND pg_get_userbyid(c.relowner) <> owner_name
      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    UNION ALL
    SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, owner_name)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND pg_get_userbyid(t.typowner) <> owner_name
      AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, owner_name)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> owner_name
  LOOP
    EXECUTE statement;
  END LOOP;
END
$$`;

/**
 * Creates each database that does not exist yet (safe against a concurrent creator) and makes
 * `owner` own it, its `public` schema and everything in it, so a service connecting as `owner`
 * can migrate it. Idempotent: also corrects databases made by earlier runs as the superuser.
 */
export async function ensureDatabases(adminUrl: string, names: string[], owner: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    const existing = new Set(rows.map((row) => row.datname));
    const ownerName = client.escapeIdentifier(owner);
    for (const name of names) {
      const database = client.escapeIdentifier(name);
      if (!existing.has(name)) {
        try {
          await client.query(`CREATE DATABASE ${database} OWNER ${ownerName}`);
        } catch (error) {
          if ((error as { code?: string }).code !== '42P04') throw error;
        }
      }
      await client.query(`ALTER DATABASE ${database} OWNER TO ${ownerName}`);
    }
  });
  for (const name of names) {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await withClient(url.toString(), async (client) => {
      const ownerName = client.escapeIdentifier(owner);
      await client.query(`ALTER SCHEMA public OWNER TO ${ownerName}`);
      await client.query(`GRANT ALL ON SCHEMA public TO ${ownerName}`);
      await client.query(`SELECT set_config('codex.owner', $1, false)`, [owner]);
      await client.query(transferPublicObjects);
    });
  }
}
