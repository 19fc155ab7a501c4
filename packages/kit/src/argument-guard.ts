import { applyMiddleware } from 'graphql-middleware';
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { badInput } from './errors.ts';
import { isStorableText, unstorableTextMessage } from './storable-text.ts';

type Container = Record<string, unknown>;

/** Whether every string (and key) under `args` can be stored; allocates nothing for flat arguments. */
function isClean(args: Container): boolean {
  let pending: Container[] | null = null;
  for (let current: Container | undefined = args; current !== undefined; current = pending?.pop()) {
    for (const key in current) {
      const item = current[key];
      if (!isStorableText(key)) return false;
      if (typeof item === 'string') {
        if (!isStorableText(item)) return false;
      } else if (item !== null && typeof item === 'object') {
        pending ??= [];
        pending.push(item as Container);
      }
    }
  }
  return true;
}

/** A step of the walk: the value and how it was reached (its parent step and key), so paths are built only once. */
interface Step {
  value: Container;
  parent: Step | null;
  key: string;
}

const pathOf = (step: Step, key: string) => {
  const keys = [key];
  for (let at: Step | null = step; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};

/** The path of the first unstorable string or key under `args` (only walked once one is known to exist). */
function locate(args: Container): string | null {
  const pending: Step[] = [{ value: args, parent: null, key: '' }];
  for (let step = pending.pop(); step !== undefined; step = pending.pop()) {
    for (const key in step.value) {
      const item = step.value[key];
      if (!isStorableText(key) || (typeof item === 'string' && !isStorableText(item))) return pathOf(step, key);
      if (item !== null && typeof item === 'object') pending.push({ value: item as Container, parent: step, key });
    }
  }
  return null;
}

/**
 * The path (`input.firstName`, `events.3.name`) of the first string in `args` that PostgreSQL
 * cannot store, or null. Iterative; ordinary (clean) arguments cost one pass and no path building.
 */
export const findUnstorableString = (args: Container): string | null => (isClean(args) ? null : locate(args));

/** Refuses a field whose arguments hold a string PostgreSQL cannot store, naming its path. */
export const guardArguments: (
  resolve: GraphQLFieldResolver<unknown, unknown>,
  ...rest: Parameters<GraphQLFieldResolver<unknown, unknown>>
) => unknown = (resolve, parent, args, context, info) => {
  const field = findUnstorableString(args);
  if (field !== null) throw badInput(`${field} ${unstorableTextMessage}`, field);
  return resolve(parent, args, context, info);
};

/**
 * Installs `guardArguments` on every field that takes arguments (and only those, so fields without
 * arguments keep their plain resolvers and cost nothing more).
 */
export function applyArgumentGuard(schema: GraphQLSchema): GraphQLSchema {
  const middleware: Record<string, Record<string, typeof guardArguments>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      middleware[type.name] ??= {};
      (middleware[type.name] as Record<string, typeof guardArguments>)[field.name] = guardArguments;
    }
  }
  return Object.keys(middleware).length > 0 ? applyMiddleware(schema, middleware) : schema;
}
