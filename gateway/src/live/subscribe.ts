import { type ExecutionArgs, type ExecutionResult, execute } from 'graphql';
import { assertMaySubscribe, type EventFilter, eventVisibleTo } from './access.ts';
import { liveError } from './errors.ts';
import type { EventHub } from './event-hub.ts';
import type { HealthWatch } from './health-watch.ts';
import type { LiveContext } from './prepare.ts';
import { limitExceeded, type LiveStream, type Registry } from './registry.ts';
import { figuresQuery, followTenantFigures, type RunQuery } from './tenant-figures.ts';

export interface LiveEngine {
  hub: EventHub;
  health: HealthWatch;
  registry: Registry;
  runQuery: RunQuery;
  /** The caller's credential is still good (revocations, tenant status); throws otherwise. */
  verify: (context: LiveContext) => void;
  perConnection: number;
  coalesceMs: number;
}

/** Executes the subscription's selection on one value of its root field (graphql's own mapping step). */
const selectionOn = (args: ExecutionArgs, field: string, value: unknown) =>
  execute({ ...args, rootValue: { [field]: value } }) as ExecutionResult | Promise<ExecutionResult>;

const pushSelection = (stream: LiveStream, args: ExecutionArgs, field: string, value: unknown) => {
  void Promise.resolve(selectionOn(args, field, value)).then(
    (result) => stream.emit(result),
    (error: unknown) => stream.fail(liveError(error)),
  );
};

function followDomainEvents(engine: LiveEngine, stream: LiveStream, args: ExecutionArgs, context: LiveContext) {
  const types = context.args.types as string[] | null | undefined;
  const filter: EventFilter = {
    types: types ? new Set(types) : null,
    tenantId: (context.args.tenantId as string | null | undefined) ?? null,
  };
  const { identity } = context.caller;
  stream.onClose(
    engine.hub.listen((event) => {
      if (eventVisibleTo(identity, filter, event)) pushSelection(stream, args, 'domainEvents', event);
    }),
  );
}

async function followHealth(engine: LiveEngine, stream: LiveStream, args: ExecutionArgs) {
  const unlisten = await engine.health.listen((health) => pushSelection(stream, args, 'platformHealth', health));
  if (stream.channel.closed) unlisten();
  else stream.onClose(unlisten);
}

/**
 * The transports' `subscribe`: opens a registered stream for the prepared subscription (limits per
 * connection and per caller), starts the producer of its field and hands the transport the stream.
 * Every push re-checks the caller (credential, role, tenant scope) before it leaves.
 */
export function createLiveSubscribe(engine: LiveEngine) {
  return async function subscribe(
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const context = args.contextValue as LiveContext;
    try {
      if (context.connection.open >= engine.perConnection) throw limitExceeded('per connection', engine.perConnection);
      const stream = engine.registry.open(context.caller, () => {
        engine.verify(context);
        assertMaySubscribe(context.caller.identity, context.field, context.args);
      });
      context.connection.opened();
      stream.onClose(() => context.connection.closed());
      if (context.field === 'domainEvents') followDomainEvents(engine, stream, args, context);
      else if (context.field === 'platformHealth') await followHealth(engine, stream, args);
      else
        followTenantFigures({
          stream,
          hub: engine.hub,
          tenantId: String(context.args.tenantId),
          identity: context.caller.identity,
          query: figuresQuery(args.document, context.operation),
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          runQuery: engine.runQuery,
          coalesceMs: engine.coalesceMs,
        });
      return stream.channel;
    } catch (error) {
      return { errors: [liveError(error)] };
    }
  };
}
