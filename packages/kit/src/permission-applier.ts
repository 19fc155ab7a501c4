import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Applies a graphql-shield rule tree (`rule`, `and`, `or`, `allow`, `deny`) to a schema with the
 * semantics of `shield(rules, { fallbackRule: deny, allowExternalErrors: true, fallbackError })`,
 * but evaluated synchronously: shield wraps every field of a guarded type in an async function,
 * so a 20-row page of 5 fields awaited 100 promises for rules that are synchronous underneath.
 * - a field whose rule is `allow` keeps its own resolver (default resolvers stay synchronous);
 * - a type's rule runs once per object (its verdict is kept for the object's other fields, see
 *   oncePerObject);
 * - a rule that throws denies; a rule that answers an Error (or a string) is that error; a denial
 *   is `fallbackError(context)`; errors of the resolvers pass through as they are;
 * - errors (denials included) arrive as rejected promises, as they did from shield;
 * - a rule function that answers a promise is awaited (none of ours does).
 */

/** A rule's answer: true lets the field resolve. */
type Verdict = boolean | Error;
type Context = Record<string, unknown>;
type Evaluation = Verdict | Promise<Verdict>;
type Evaluate = (parent: unknown, args: unknown, context: Context, info: unknown) => Evaluation;

/** The parts of graphql-shield's rule objects the applier reads (what `rule`, `and`, `or`, `allow`, `deny` build). */
interface ShieldRule {
  constructor: { name: string };
  func?: (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
  rules?: ShieldRule[];
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** Shield's reading of a rule function's answer. */
const verdictOf = (answer: unknown): Verdict =>
  answer instanceof Error ? answer : typeof answer === 'string' ? new Error(answer) : answer === true;

function leaf(func: NonNullable<ShieldRule['func']>): Evaluate {
  return (parent, args, context, info) => {
    try {
      const answer = func(parent, args, context, info);
      return isThenable(answer) ? Promise.resolve(answer).then(verdictOf, () => false) : verdictOf(answer);
    } catch {
      return false;
    }
  };
}

/** `and`: every verdict true; otherwise the first error among them, else false (all are evaluated, as shield does). */
function allTrue(verdicts: readonly Verdict[]): Verdict {
  for (const verdict of verdicts) if (verdict !== true) return firstError(verdicts);
  return true;
}
/** `or`: some verdict true; otherwise the first error among them, else false. */
function someTrue(verdicts: readonly Verdict[]): Verdict {
  for (const verdict of verdicts) if (verdict === true) return true;
  return firstError(verdicts);
}
function firstError(verdicts: readonly Verdict[]): Verdict {
  for (const verdict of verdicts) if (verdict instanceof Error) return verdict;
  return false;
}

function combine(parts: Evaluate[], join: (verdicts: Verdict[]) => Verdict): Evaluate {
  return (parent, args, context, info) => {
    const evaluations: Evaluation[] = [];
    let pending = false;
    for (const part of parts) {
      const evaluation = part(parent, args, context, info);
      pending ||= isThenable(evaluation);
      evaluations.push(evaluation);
    }
    return pending ? Promise.all(evaluations).then(join) : join(evaluations as Verdict[]);
  };
}

const always =
  (verdict: Verdict): Evaluate =>
  () =>
    verdict;

/** The rule tree as one function; built once per rule object. */
const compiled = new WeakMap<object, Evaluate>();
function compile(rule: ShieldRule): Evaluate {
  const known = compiled.get(rule);
  if (known) return known;
  const kind = rule.constructor.name;
  let evaluate: Evaluate;
  if (kind === 'RuleTrue') evaluate = always(true);
  else if (kind === 'RuleFalse') evaluate = always(false);
  else if (kind === 'RuleAnd') evaluate = combine((rule.rules ?? []).map(compile), allTrue);
  else if (kind === 'RuleOr') evaluate = combine((rule.rules ?? []).map(compile), someTrue);
  else if (rule.func) evaluate = leaf(rule.func);
  else throw new Error(`applyPermissions supports rule, and, or, allow and deny, not ${kind}`);
  compiled.set(rule, evaluate);
  return evaluate;
}

export const isAllow = (rule: unknown) => (rule as ShieldRule).constructor.name === 'RuleTrue';

/**
 * A type rule's verdict per object (and request): its fields share it. graphql-js resolves an
 * object's fields one after another, so the last object's verdict answers them: no allocation or
 * weak map per object (a page's rows each paid one). An object met again after another object of
 * the same type (a nested one) is evaluated again: rules are pure, the verdict is the same.
 */
function oncePerObject(evaluate: Evaluate): Evaluate {
  let lastParent: object | undefined;
  let lastContext: Context | undefined;
  let lastVerdict: Evaluation = false;
  return (parent, args, context, info) => {
    if (parent === null || typeof parent !== 'object') return evaluate(parent, args, context, info);
    if (lastParent === parent && lastContext === context) return lastVerdict;
    lastVerdict = evaluate(parent, args, context, info);
    lastParent = parent;
    lastContext = context;
    return lastVerdict;
  };
}

type Resolver = GraphQLFieldResolver<unknown, Context>;
export type FallbackError = (context: Context) => Error;

/**
 * A guarded field's resolver. A denial, or an error its resolver throws, is a rejected promise
 * rather than a throw: graphql-js stops a selection's remaining fields at a synchronous error of a
 * non-null field, and shield's async wrappers let them run (and report their own errors).
 */
function guarded(evaluate: Evaluate, resolve: Resolver, fallbackError: FallbackError): Resolver {
  const settle = (verdict: Verdict, parent: unknown, args: Record<string, unknown>, context: Context, info: never) => {
    if (verdict !== true) return Promise.reject(verdict === false ? fallbackError(context) : verdict);
    try {
      return resolve(parent, args, context, info);
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (parent, args, context, info) => {
    const verdict = evaluate(parent, args, context, info);
    return isThenable(verdict)
      ? verdict.then((settled) => settle(settled, parent, args, context, info as never))
      : settle(verdict, parent, args, context, info as never);
  };
}

type FieldRules = Record<string, unknown>;
/** Type name → a rule for every field of the type, or field name → rule. */
export type RuleTree = Record<string, unknown>;

const isObjectType = (type: unknown) => Object.prototype.toString.call(type) === '[object GraphQLObjectType]';
/** A rule object (a class instance) rather than a plain field map. */
export const isRuleObject = (value: unknown) => Object.getPrototypeOf(value) !== Object.prototype;

interface GuardableField {
  name: string;
  resolve?: Resolver;
}

/** Which rule guards each field of one type: the type's rule, the field's, or deny for an unlisted one. */
function fieldEvaluator(typeName: string, entry: unknown, fieldNames: Set<string>) {
  if (entry === undefined) return () => always(false);
  if (isRuleObject(entry)) {
    const typeRule = entry as ShieldRule;
    const evaluate = isAllow(typeRule) ? null : oncePerObject(compile(typeRule));
    return () => evaluate;
  }
  const fields = entry as FieldRules;
  const unknown = Object.keys(fields).filter((name) => !fieldNames.has(name));
  if (unknown.length > 0)
    throw new Error(
      `Permission rules name ${unknown.map((name) => `${typeName}.${name}`).join(', ')}: not in the schema`,
    );
  return (field: string) => {
    const rule = fields[field] as ShieldRule | undefined;
    if (rule === undefined) return always(false);
    return isAllow(rule) ? null : compile(rule);
  };
}

/**
 * Installs the rule tree on `schema`'s own object fields (the caller's freshly built schema) and
 * returns it. Every object type (introspection types aside) is guarded: a type or field without a
 * rule is denied. Rules for types or fields the schema lacks throw, as shield does.
 */
export function applyRuleTree(schema: GraphQLSchema, tree: RuleTree, fallbackError: FallbackError): GraphQLSchema {
  const types = schema.getTypeMap();
  const missing = Object.keys(tree).filter((name) => !types[name]);
  if (missing.length > 0) throw new Error(`Permission rules name ${missing.join(', ')}: not in the schema`);
  for (const type of Object.values(types)) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = (type as unknown as { getFields: () => Record<string, GuardableField> }).getFields();
    const evaluatorOf = fieldEvaluator(type.name, tree[type.name], new Set(Object.keys(fields)));
    for (const field of Object.values(fields)) {
      const evaluate = evaluatorOf(field.name);
      if (evaluate)
        field.resolve = guarded(evaluate, field.resolve ?? (defaultFieldResolver as Resolver), fallbackError);
    }
  }
  return schema;
}
