/**
 * Prisma 6.19 CLI config used only by ./migrate-diff.ts to run `prisma migrate diff` in
 * WebAssembly (`engine: "js"`): Prisma 7's native schema engine cannot be downloaded here.
 * The database comes from CODEX_SCHEMA_ENGINE_DATABASE_URL (a scratch database, see migrate-diff.ts).
 *
 * The patch below works around adapter-pg 6.19 failing on PostgreSQL catalog types while the
 * engine describes a database ("Column type 'name' could not be deserialized", and a wasm panic
 * on check constraints whose `contype` is a "char"): catalog types are passed on as text, and
 * "char" columns are reported as Character, which the engine expects.
 */
import { PrismaPg } from 'adapter-pg-six';
import { defineConfig } from 'prisma-six/config';

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const CHAR_OID = 18;
const CHARACTER_COLUMN_TYPE = 6;
// name, int2vector, regproc, pg_node_tree, aclitem, regclass, regtype, regconfig, regnamespace
const catalogTextOids = new Set([19, 22, 24, 194, 1033, 2205, 2206, 3734, 4089]);
// char[], name[], int2vector[], regproc[], aclitem[], regclass[], regtype[]
const catalogTextArrayOids = new Set([1002, 1003, 1006, 1008, 1034, 2210, 2211]);

interface PgField {
  dataTypeID: number;
}
interface PgResult {
  fields?: PgField[];
  rows?: unknown[];
}
interface RawResult {
  rows: unknown[];
  columnTypes: number[];
}
interface Queryable {
  performIO(query: unknown): Promise<PgResult>;
  queryRaw(query: unknown): Promise<RawResult>;
}

const charColumnsByRows = new WeakMap<object, number[]>();
let patched = false;

function patchQueryable(adapter: object) {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  const { performIO, queryRaw } = proto;
  proto.performIO = async function (this: Queryable, query) {
    const result = await performIO.call(this, query);
    const charColumns: number[] = [];
    result.fields?.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(index);
      } else if (catalogTextOids.has(field.dataTypeID)) {
        field.dataTypeID = TEXT_OID;
      } else if (catalogTextArrayOids.has(field.dataTypeID)) {
        field.dataTypeID = TEXT_ARRAY_OID;
      }
    });
    if (charColumns.length > 0 && result.rows) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  proto.queryRaw = async function (this: Queryable, query) {
    const result = await queryRaw.call(this, query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    return result;
  };
}

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  adapter: async () => {
    const connectionString = process.env.CODEX_SCHEMA_ENGINE_DATABASE_URL;
    if (!connectionString) throw new Error('CODEX_SCHEMA_ENGINE_DATABASE_URL is not set');
    const factory = new PrismaPg({ connectionString, idleTimeoutMillis: 100, allowExitOnIdle: true });
    const probe = await factory.connect();
    patchQueryable(probe);
    await probe.dispose();
    return factory;
  },
});
