import type { Identity } from '@codex/kit/identity';
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { liveError } from './errors.ts';
import type { EventHub } from './event-hub.ts';
import type { LiveStream } from './registry.ts';

/** Runs a query through the gateway's own federated execution as `identity` (its plugins, limits and signing). */
export type RunQuery = (
  identity: Identity,
  document: DocumentNode,
  variables: Record<string, unknown>,
) => Promise<ExecutionResult>;

/**
 * `subscription { tenantFigures(tenantId: $t) { …selection } }` as the query the gateway plans:
 * `query { tenantFigures: tenant(id: $t) { …selection } }`, fragments kept, the answer under the
 * same response key.
 */
export function figuresQuery(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const root = operation.selectionSet.selections[0] as FieldNode;
  const field: FieldNode = {
    ...root,
    alias: root.alias ?? { kind: Kind.NAME, value: root.name.value },
    name: { kind: Kind.NAME, value: 'tenant' },
    arguments: (root.arguments ?? []).map((argument) => ({ ...argument, name: { kind: Kind.NAME, value: 'id' } })),
  };
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    selectionSet: { ...operation.selectionSet, selections: [field] },
  };
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
}

/**
 * Feeds one tenantFigures stream: the figures on subscribe, then again after each burst of the
 * tenant's events (coalesced over `coalesceMs`), pushed only when the answer changed. One run at a
 * time; events during a run cause one more run after it.
 */
export function followTenantFigures(options: {
  stream: LiveStream;
  hub: EventHub;
  tenantId: string;
  identity: Identity;
  query: DocumentNode;
  variables: Record<string, unknown>;
  runQuery: RunQuery;
  coalesceMs: number;
}): void {
  const { stream } = options;
  let last = '';
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;

  const run = async () => {
    running = true;
    try {
      const result = await options.runQuery(options.identity, options.query, options.variables);
      const text = JSON.stringify(result);
      if (text !== last) {
        last = text;
        stream.emit(result);
      }
    } catch (error) {
      stream.fail(liveError(error));
    } finally {
      running = false;
      if (again && !stream.channel.closed) {
        again = false;
        void run();
      }
    }
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (running) again = true;
      else void run();
    }, options.coalesceMs);
  };
  const unlisten = options.hub.listen((event) => {
    if (event.tenantId === options.tenantId) schedule();
  });
  stream.onClose(() => {
    unlisten();
    if (timer) clearTimeout(timer);
  });
  void run();
}
