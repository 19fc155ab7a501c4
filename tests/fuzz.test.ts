import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { SubgraphName } from '@codex/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, superadminToken } from './support/actors.ts';
import { connectDatabases } from './support/databases.ts';
import {
  answerFailures,
  describeFailure,
  grownTables,
  send,
  sendToSubgraph,
  type Failure,
  type FailureKind,
} from './support/fuzz-checks.ts';
import {
  baselineArgs,
  hostileValuesFor,
  positionsOf,
  printLiteral,
  withValueAt,
  type Position,
} from './support/fuzz-operations.ts';
import { groupFailures } from './support/fuzz-report.ts';
import type { Hostile } from './support/fuzz-values.ts';
import {
  connectAsSuperuser,
  countRows,
  createFuzzWorld,
  repairWorld,
  roles,
  type FuzzWorld,
  type Role,
  type Superuser,
} from './support/fuzz-world.ts';
import { graphql } from './support/graphql.ts';
import { selectionFor } from './support/operations.ts';

/**
 * Hostile input, generated from the supergraph (issue 21, item 10): every argument and input field
 * of every root query and mutation gets, one position at a time, the hostile values of its type
 * (`support/fuzz-values.ts`) on top of a baseline valid enough to reach the domain code. New fields
 * and arguments are covered without editing this file.
 *
 * Roles: the full cross product is ~5× too slow for the 4-minute budget, so every hostile value
 * goes to the most privileged role that reaches the field (the first of ADMIN, CLIENT, SUPERADMIN
 * whose baseline call is not refused), and each other role (SUPERADMIN, ADMIN, CLIENT, a machine
 * client, anonymous) gets a deterministic sixth of the values. Every eighth value is also sent as
 * an inline literal instead of a variable.
 */
const db = connectDatabases();
let su: Superuser;
let schema: GraphQLSchema;
let world: FuzzWorld;
const failures: Failure[] = [];
const stats = { fields: 0, attempts: 0, inline: 0, started: Date.now() };

/** Fields whose failures the platform throttles per client address: sent straight to their subgraph, anonymously. */
const throttledByAddress: Record<string, SubgraphName> = { login: 'auth' };

type Kind = 'query' | 'mutation';
type RootField = GraphQLField<unknown, unknown>;
interface Variant {
  position: Position;
  hostile: Hostile;
}

/** Fields whose hostile ids may hit the suite's own tenant, users or credentials: run last, then repaired. */
const destructive = /^(delete|remove|revoke|suspend|deactivate|archive|cancel|void|logout|changePassword)/;

beforeAll(async () => {
  su = await connectAsSuperuser();
  const { body } = await graphql(getIntrospectionQuery(), {}, { headers: bearer(await superadminToken()) });
  schema = buildClientSchema(body.data as never);
  world = await createFuzzWorld(schema, db, su);
  // Every role must really be that role: a missing token would fuzz as anonymous under another name.
  for (const role of roles) expect(role === 'anonymous' || world.actors[role].token, role).toBeTruthy();
}, 120_000);

afterAll(async () => {
  await su?.end();
  await db.disconnect();
});

function operation(
  kind: Kind,
  field: RootField,
  args: Record<string, unknown>,
  inline: boolean,
  selection = selectionFor(field.type, 2),
) {
  const present = field.args.filter((arg) => arg.name in args);
  if (inline) {
    const call = present.map((arg) => `${arg.name}: ${printLiteral(args[arg.name], arg.type)}`).join(', ');
    return { query: `${kind} FuzzInline { ${field.name}${call ? `(${call})` : ''} ${selection} }`, variables: {} };
  }
  const declarations = present.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const call = present.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `${kind} Fuzz${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  return { query, variables: args };
}

/**
 * The fuzz tenant's row counts before a mutation: those taken after the previous one (mutations run
 * one at a time and queries write nothing), unless something in between (a login) wrote.
 */
let lastCounts: Record<string, number> | null = null;
async function countsBefore() {
  lastCounts ??= await countRows(su, world.targets.tenantId);
  return lastCounts;
}

/** True when the role's token had gone stale (revoked by a hostile call) and was renewed. */
async function renewed(role: Role): Promise<boolean> {
  const actor = world.actors[role];
  if (!actor.token) return false;
  const probe = await send('{ __typename }', {}, actor.token);
  if (!probe.errors.some((error) => error.code === 'UNAUTHENTICATED')) return false;
  actor.token = (await actor.renew()) ?? actor.token;
  lastCounts = null; // the login wrote a session
  return true;
}

async function attempt(kind: Kind, field: RootField, variant: Variant | null, role: Role, inline = false) {
  const superadmin = role === 'SUPERADMIN';
  const base = baselineArgs(field, world.targets, superadmin);
  const args = variant
    ? withValueAt(field, base, variant.position.path, variant.hostile.value, world.targets, superadmin)
    : base;
  let op: { query: string; variables: Record<string, unknown> };
  try {
    op = operation(kind, field, args, inline);
  } catch {
    return null; // a literal cannot carry this value (a JSON key that is not a name)
  }
  const where = {
    field: `${kind}.${field.name}`,
    position: variant?.position.path.join('.') ?? '(baseline)',
    value: variant?.hostile.kind ?? 'baseline',
    role: inline ? `${role} inline` : role,
  };
  const throttled = throttledByAddress[field.name];
  if (throttled) {
    const answer = await sendToSubgraph(throttled, op.query, op.variables);
    stats.attempts++;
    failures.push(...answerFailures(answer, { ...where, role: `anonymous at ${throttled}` }));
    return answer;
  }
  let before = kind === 'mutation' ? await countsBefore() : null;
  let answer = await send(op.query, op.variables, world.actors[role].token);
  if (answer.errors.some((error) => error.code === 'UNAUTHENTICATED') && (await renewed(role))) {
    before = kind === 'mutation' ? await countsBefore() : null;
    answer = await send(op.query, op.variables, world.actors[role].token);
  }
  stats.attempts++;
  if (inline) stats.inline++;
  failures.push(...answerFailures(answer, where));
  // Failed: the root field is null (a nested field's error alone does not undo a write that succeeded).
  const failed = (answer.data as Record<string, unknown> | null)?.[field.name] == null;
  if (!before) return answer;
  lastCounts = await countRows(su, world.targets.tenantId);
  if (failed) {
    const grown = grownTables(before, lastCounts);
    if (grown.length) {
      const first = answer.errors[0];
      failures.push({
        kind: 'wrote on error',
        ...where,
        detail: `${grown.join(', ')} after ${first?.code}: ${first?.message.slice(0, 80)}`,
      });
    }
  }
  return answer;
}

/** The first of ADMIN, CLIENT, SUPERADMIN whose baseline call is not refused for who it is. */
async function primaryRole(kind: Kind, field: RootField): Promise<Role> {
  for (const role of ['ADMIN', 'CLIENT', 'SUPERADMIN'] as const) {
    const answer = await attempt(kind, field, null, role);
    if (!answer?.errors.some((error) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(error.code))) return role;
  }
  return 'ADMIN';
}

async function fuzzField(kind: Kind, field: RootField) {
  const variants = positionsOf(field).flatMap((position) =>
    hostileValuesFor(position, field.name, world.targets).map((hostile) => ({ position, hostile })),
  );
  if (variants.length === 0) return;
  stats.fields++;
  const primary = throttledByAddress[field.name] ? 'anonymous' : await primaryRole(kind, field);
  const fuzzVariant = async (variant: Variant, index: number) => {
    await attempt(kind, field, variant, primary);
    const sampled = roles[index % 6];
    if (sampled && sampled !== primary && !throttledByAddress[field.name]) await attempt(kind, field, variant, sampled);
    if (index % 8 === 0) await attempt(kind, field, variant, primary, true);
  };
  // Queries write nothing: four at a time. Mutations one at a time, so a count names the call that wrote.
  const lanes = kind === 'query' ? 4 : 1;
  for (let start = 0; start < variants.length; start += lanes) {
    await Promise.all(variants.slice(start, start + lanes).map((variant, i) => fuzzVariant(variant, start + i)));
  }
  if (destructive.test(field.name)) {
    await repairWorld(world);
    lastCounts = null;
  }
}

const failuresOf = (kind: FailureKind) => failures.filter((failure) => failure.kind === kind).map(describeFailure);

describe('hostile input (generated from the supergraph)', () => {
  it('answers every hostile value with data or a coded error: no 5xx, no leak, no write on error', async () => {
    const queries = Object.values(schema.getQueryType()?.getFields() ?? {});
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    const ordered = [
      ...mutations.filter((field) => !destructive.test(field.name)),
      ...mutations.filter((field) => destructive.test(field.name)),
    ];
    for (const field of queries) await fuzzField('query', field);
    for (const field of ordered) await fuzzField('mutation', field);
    expect.soft(failuresOf('http 5xx')).toEqual([]);
    expect.soft(failuresOf('error code')).toEqual([]);
    expect.soft(failuresOf('message leak')).toEqual([]);
    expect.soft(failuresOf('wrote on error')).toEqual([]);
  }, 600_000);

  it('every list still reads afterwards, with every scalar of its nodes, as SUPERADMIN and as ADMIN', async () => {
    const unreadable: string[] = [];
    for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
      const connection = getNamedType(field.type);
      if (!isObjectType(connection) || !connection.name.endsWith('Connection')) continue;
      const edges = getNamedType(connection.getFields().edges?.type);
      const nodeType = isObjectType(edges) ? getNamedType(edges.getFields().node?.type) : null;
      if (!isObjectType(nodeType)) continue;
      const scalars = Object.values(nodeType.getFields())
        .filter((f) => f.args.every((arg) => !isNonNullType(arg.type)))
        .filter((f) => isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))
        .map((f) => f.name);
      const total = connection.getFields().totalCount ? 'totalCount' : '';
      const selection = `{ ${total} edges { cursor node { ${scalars.join(' ')} } } }`;
      for (const role of ['SUPERADMIN', 'ADMIN'] as const) {
        const args = baselineArgs(field, world.targets, role === 'SUPERADMIN');
        if (field.args.some((arg) => arg.name === 'first')) args.first = 100;
        const { query, variables } = operation('query', field, args, false, selection);
        const answer = await send(query, variables, world.actors[role].token);
        // A list the role may not read at all (tenants for ADMIN), or whose parent a destructive field
        // deleted (contentItemRevisions of a deleted item), is not one that broke.
        if (answer.errors.length === 1 && ['FORBIDDEN', 'NOT_FOUND'].includes(answer.errors[0]!.code)) continue;
        if (answer.status !== 200 || answer.errors.length > 0) {
          const first = answer.errors[0];
          unreadable.push(`${field.name} as ${role}: ${answer.status} ${first?.code} ${first?.message.slice(0, 160)}`);
          failures.push({
            kind: 'list unreadable',
            field: `query.${field.name}`,
            position: '-',
            value: '-',
            role,
            detail: `${first?.code}: ${first?.message}`,
          });
        }
      }
    }
    expect(unreadable).toEqual([]);
  }, 120_000);

  afterAll(() => {
    console.log(
      `fuzz: ${stats.fields} root fields, ${stats.attempts} attempts (${stats.inline} as inline literals), the whole file in ` +
        `${((Date.now() - stats.started) / 1000).toFixed(1)} s; failures: ${failures.length}`,
    );
    if (failures.length) console.log(groupFailures(failures));
  });
});
