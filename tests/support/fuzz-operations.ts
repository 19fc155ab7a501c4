import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import {
  hostileBooleans,
  hostileCursors,
  hostileDates,
  hostileDecimals,
  hostileEnum,
  hostileFloats,
  hostileIds,
  hostileInts,
  hostileJson,
  hostileLists,
  hostileStrings,
  rawDigits,
  type Hostile,
} from './fuzz-values.ts';

export type Path = (string | number)[];
type RootField = GraphQLField<unknown, unknown>;

/** What a baseline is made of: the fuzz tenant's row ids by entity, another tenant's, a real cursor. */
export interface FuzzTargets {
  /** Entity name (camelCase, singular: `customer`, `pipelineStage`) → id of a row of the fuzz tenant. */
  own: Record<string, string>;
  /** Same entities → id of a row of another tenant. */
  foreign: Record<string, string>;
  tenantId: string;
  cursor: string;
}

export interface Position {
  path: Path;
  type: GraphQLInputType;
  /** The argument or input field's name, for ids and cursors. */
  name: string;
}

let unique = 0;
const next = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

/** The entity an id names: `customerId` → customer; `id` of `moveLeadToStage` → lead. */
export function entityOf(name: string, rootField: string, targets: FuzzTargets): string {
  const entities = Object.keys(targets.own).sort((a, b) => b.length - a.length);
  if (name === 'id' || name === 'parentId') {
    const noun = rootField.replace(/^[a-z]+(?=[A-Z])/, '');
    const match = entities.find((entity) => noun.toLowerCase().startsWith(entity.toLowerCase()));
    return match ?? entities.find((entity) => rootField.toLowerCase().startsWith(entity.toLowerCase())) ?? 'tenant';
  }
  const stem = name.replace(/Ids?$/, '');
  if (targets.own[stem]) return stem;
  const suffix = entities.find((entity) => entity.toLowerCase().endsWith(stem.toLowerCase()));
  if (suffix) return suffix;
  return /assignee|createdBy|author|uploadedBy|uploader|user/i.test(stem) ? 'user' : 'tenant';
}

const idFor = (name: string, rootField: string, targets: FuzzTargets, side: 'own' | 'foreign') => {
  const entity = entityOf(name, rootField, targets);
  return targets[side][entity] ?? (side === 'own' ? targets.tenantId : targets.foreign.tenant!);
};

/** A plain, valid-looking value for a scalar, chosen by the argument's name where the name says more than the type. */
function baselineScalar(typeName: string, name: string, rootField: string, targets: FuzzTargets): unknown {
  const day = 86_400_000;
  switch (typeName) {
    case 'ID':
      return idFor(name, rootField, targets, 'own');
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Decimal':
      return '10.00';
    case 'Boolean':
      return false;
    case 'JSONObject':
      return {};
    case 'DateTime': {
      if (/^from$|start/i.test(name)) return new Date(Date.now() - day).toISOString();
      if (/^to$|end|scheduled|due|expires/i.test(name)) return new Date(Date.now() + day).toISOString();
      return new Date().toISOString();
    }
  }
  return baselineString(name);
}

function baselineString(name: string): string {
  const id = next();
  if (/email/i.test(name)) return `fz-${id}@example.test`;
  if (/password/i.test(name)) return `Fuzz-passw0rd-${id}`;
  if (/slug|code|idempotencyKey/i.test(name)) return `fz-${id}`;
  if (/currency/i.test(name)) return 'EUR';
  if (/^metric$/.test(name)) return 'events.count';
  if (/mimeType/i.test(name)) return 'text/plain';
  if (/base64/i.test(name)) return Buffer.from(`fuzz ${id}`).toString('base64');
  if (/url|referrer/i.test(name)) return `https://example.test/${id}`;
  return `fuzz ${id}`;
}

/** Required arguments and input fields filled; `tenantId` too for SUPERADMIN, who names the tenant. */
export function baselineValue(
  type: GraphQLInputType,
  name: string,
  rootField: string,
  targets: FuzzTargets,
  superadmin: boolean,
  depth = 0,
): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    return [baselineValue(inner.ofType as GraphQLInputType, name, rootField, targets, superadmin, depth + 1)];
  }
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter(
      (field) => isNonNullType(field.type) || (superadmin && field.name === 'tenantId'),
    );
    return Object.fromEntries(
      fields.map((field) => [
        field.name,
        baselineValue(field.type, field.name, rootField, targets, superadmin, depth + 1),
      ]),
    );
  }
  return baselineScalar(inner.name, name, rootField, targets);
}

export function baselineArgs(field: RootField, targets: FuzzTargets, superadmin: boolean): Record<string, unknown> {
  const args = field.args.filter((arg) => isNonNullType(arg.type) || (superadmin && arg.name === 'tenantId'));
  return Object.fromEntries(
    args.map((arg) => [arg.name, baselineValue(arg.type, arg.name, field.name, targets, superadmin)]),
  );
}

/** Every argument and input field (lists: the list and its first element), optional ones included. */
export function positionsOf(field: RootField): Position[] {
  const positions: Position[] = [];
  const visit = (type: GraphQLInputType, path: Path, name: string, depth: number) => {
    const inner = getNullableType(type) as GraphQLInputType;
    if (depth > 5) return;
    if (isInputObjectType(inner)) {
      for (const child of Object.values(inner.getFields()))
        visit(child.type, [...path, child.name], child.name, depth + 1);
      return;
    }
    positions.push({ path, type, name });
    if (isListType(inner)) visit(inner.ofType as GraphQLInputType, [...path, 0], name, depth + 1);
  };
  for (const arg of field.args) visit(arg.type, [arg.name], arg.name, 0);
  return positions;
}

/** The hostile values for one position, by its type (and, for ids and cursors, its name). */
export function hostileValuesFor(position: Position, rootField: string, targets: FuzzTargets): Hostile[] {
  const inner = getNullableType(position.type) as GraphQLInputType;
  if (isListType(inner)) {
    return hostileLists(baselineValue(inner.ofType as GraphQLInputType, position.name, rootField, targets, false));
  }
  if (isEnumType(inner)) return hostileEnum;
  if (!isScalarType(inner)) return [];
  switch (inner.name) {
    case 'ID':
      return hostileIds(
        idFor(position.name, rootField, targets, 'own'),
        idFor(position.name, rootField, targets, 'foreign'),
      );
    case 'Int':
      return hostileInts;
    case 'Float':
      return hostileFloats;
    case 'Decimal':
      return hostileDecimals;
    case 'Boolean':
      return hostileBooleans;
    case 'DateTime':
      return hostileDates;
    case 'JSONObject':
      return hostileJson();
    default:
      return /^(after|before)$/.test(position.name) ? hostileCursors(targets.cursor) : hostileStrings;
  }
}

/** `args` with `value` at `path`, the containers on the way filled with their baselines. */
export function withValueAt(
  field: RootField,
  args: Record<string, unknown>,
  path: Path,
  value: unknown,
  targets: FuzzTargets,
  superadmin: boolean,
): Record<string, unknown> {
  const copy = structuredClone(args);
  let container: Record<string | number, unknown> = copy;
  let type: GraphQLInputType = field.args.find((arg) => arg.name === path[0])!.type;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (container[key] === undefined || container[key] === null) {
      container[key] = baselineValue(type, String(key), field.name, targets, superadmin);
    }
    container = container[key] as Record<string | number, unknown>;
    const inner = getNullableType(type) as GraphQLInputType;
    const nextKey = path[i + 1]!;
    if (isListType(inner)) type = inner.ofType as GraphQLInputType;
    else if (isInputObjectType(inner)) type = inner.getFields()[nextKey]!.type;
  }
  container[path.at(-1)!] = value;
  return copy;
}

/** A GraphQL literal for `value` of `type`; throws for what a literal cannot say (a key that is no name). */
export function printLiteral(value: unknown, type?: GraphQLInputType): string {
  const raw = rawDigits(value);
  if (raw !== null) return raw;
  if (value === null || value === undefined) return 'null';
  const inner = type ? (getNullableType(type) as GraphQLInputType) : undefined;
  if (Array.isArray(value)) {
    const element = inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : inner;
    return `[${value.map((item) => printLiteral(item, element)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : undefined;
    const entries = Object.entries(value).map(([key, item]) => {
      if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(key)) throw new Error(`no literal for key ${JSON.stringify(key)}`);
      return `${key}: ${printLiteral(item, fields?.[key]?.type ?? (fields ? undefined : inner))}`;
    });
    return `{${entries.join(', ')}}`;
  }
  if (typeof value === 'string' && inner && isEnumType(getNamedType(inner)) && /^[_A-Za-z]\w*$/.test(value)) {
    return value;
  }
  return JSON.stringify(value);
}
