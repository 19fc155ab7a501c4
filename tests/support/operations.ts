import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';

/** What an attacker fills arguments with: another tenant's ids and a string that only appears in its data. */
export interface Ammunition {
  id: string;
  text: string;
}

/** A value for `type` that passes GraphQL validation, aimed at the other tenant. */
export function attackValue(type: GraphQLInputType, ammo: Ammunition, depth = 0): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [attackValue(inner.ofType as GraphQLInputType, ammo, depth)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    if (depth > 3) return {};
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((field) => isNonNullType(field.type) || depth === 0)
        .map((field) => [field.name, attackValue(field.type, ammo, depth + 1)]),
    );
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID':
        return ammo.id;
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date().toISOString();
      default:
        return ammo.text;
    }
  }
  return null;
}

/** Every scalar leaf reachable without arguments, `depth` levels deep. */
export function selectionFor(type: GraphQLOutputType, depth = 3): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (depth === 0) return '{ __typename }';
  const fields = Object.values(named.getFields())
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type)))
    .map((field) => {
      const leaf = getNamedType(field.type);
      if (isObjectType(leaf)) {
        const nested = selectionFor(field.type, depth - 1);
        return nested ? `${field.name} ${nested}` : '';
      }
      return field.name;
    })
    .filter(Boolean);
  return `{ __typename ${fields.join(' ')} }`;
}

/** One operation calling `field` with every argument (required or not) aimed at the other tenant. */
export function attackOperation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, ammo: Ammunition) {
  const args: readonly GraphQLArgument[] = field.args;
  const variables = Object.fromEntries(args.map((arg) => [arg.name, attackValue(arg.type, ammo)]));
  const declarations = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const query = `${kind} Attack${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selectionFor(field.type)} }`;
  return { query, variables };
}
