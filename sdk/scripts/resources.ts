import { getNamedType, isNonNullType } from 'graphql';
import type { RootOperation } from './operations.ts';
import { connectionNodeOf } from './selection.ts';

/** One generated helper: `codex.<domain>.<resource>.<method>` or `codex.<domain>.<method>`. */
export interface Helper {
  domain: string;
  resource?: string;
  method: string;
  operation: RootOperation;
}

interface Resource {
  name: string;
  nouns: string[];
  nodeType: string;
}

const upper = (name: string) => name[0]!.toUpperCase() + name.slice(1);
const lower = (name: string) => name[0]!.toLowerCase() + name.slice(1);

/** `crmAuditLog` in CRM → `auditLog`: the domain already says whose it is. */
const withoutDomain = (name: string, domain: string) =>
  name.startsWith(domain) && /^[A-Z]/.test(name.slice(domain.length)) ? lower(name.slice(domain.length)) : name;

const isGetById = (operation: RootOperation) =>
  operation.kind === 'query' && operation.field.args.length === 1 && operation.field.args[0]!.name === 'id';

/** Resources of a domain: every paginated query (`customers`), joined by the get-by-id query of its node type. */
function resourcesOf(operations: RootOperation[]): Resource[] {
  const resources: Resource[] = [];
  for (const operation of operations.filter((op) => op.paginated)) {
    const nodeType = connectionNodeOf(operation.field.type)!.name;
    if (resources.some((resource) => resource.nodeType === nodeType)) continue;
    const name = withoutDomain(operation.field.name, operation.graph);
    resources.push({ name, nouns: [name, name.replace(/s$/, '')], nodeType });
  }
  for (const operation of operations.filter(isGetById)) {
    const nodeType = getNamedType(operation.field.type).name;
    const resource = resources.find((candidate) => candidate.nodeType === nodeType);
    if (resource) resource.nouns.push(operation.field.name);
    else
      resources.push({
        name: `${operation.field.name}s`,
        nouns: [`${operation.field.name}s`, operation.field.name],
        nodeType,
      });
  }
  return resources;
}

/** The resource and method a root field reads as: `createCustomer` → customers.create, `moveLeadToStage` → leads.moveToStage. */
function placeOf(operation: RootOperation, resources: Resource[]): { resource?: string; method: string } {
  const name = operation.field.name;
  if (operation.paginated) {
    const nodeType = connectionNodeOf(operation.field.type)!.name;
    const resource = resources.find((candidate) => candidate.nodeType === nodeType);
    if (resource && resource.name === withoutDomain(name, operation.graph))
      return { resource: resource.name, method: 'list' };
  }
  if (isGetById(operation)) {
    const resource = resources.find((candidate) => candidate.nodeType === getNamedType(operation.field.type).name);
    if (resource) return { resource: resource.name, method: 'get' };
  }
  const nouns = resources
    .flatMap((resource) => [...new Set(resource.nouns)].map((noun) => ({ resource: resource.name, noun: upper(noun) })))
    .sort((a, b) => b.noun.length - a.noun.length);
  for (const { resource, noun } of nouns) {
    const match =
      operation.kind === 'mutation' ? name.match(new RegExp(`^([a-z]+(?:[A-Z][a-z]+)*?)${noun}(.*)$`)) : null;
    if (match) return { resource, method: `${match[1]}${match[2]}` };
    const query = operation.kind === 'query' ? name.match(new RegExp(`^${lower(noun)}([A-Z].*)$`)) : null;
    if (query) return { resource, method: lower(query[1]!) };
  }
  return { method: withoutDomain(name, operation.graph) };
}

/** Every root field as a helper, grouped by the subgraph that resolves it; a name taken twice falls back to the field name. */
export function helpersOf(operations: RootOperation[]): Helper[] {
  const helpers: Helper[] = [];
  const taken = new Set<string>();
  for (const domain of [...new Set(operations.map((operation) => operation.graph))]) {
    const ofDomain = operations.filter((operation) => operation.graph === domain);
    const resources = resourcesOf(ofDomain);
    for (const operation of ofDomain) {
      let place = placeOf(operation, resources);
      const clashes = (candidate: typeof place) =>
        taken.has(`${domain}.${candidate.resource ?? ''}.${candidate.method}`) ||
        (!candidate.resource && resources.some((resource) => resource.name === candidate.method));
      if (clashes(place)) place = { method: operation.field.name };
      taken.add(`${domain}.${place.resource ?? ''}.${place.method}`);
      helpers.push({ domain, ...place, operation });
    }
  }
  return helpers;
}

/** Whether a helper's variables may be left out: no argument is required. */
export const argumentsOptional = (operation: RootOperation) =>
  operation.field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
