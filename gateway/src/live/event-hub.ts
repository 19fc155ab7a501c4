import type { DomainEvent } from '@codex/kit/domain-events';

export type EventListener = (event: DomainEvent) => void;

/**
 * The gateway's one stream of domain events (one `followDomainEvents` per process), fanned out in
 * memory to every subscriber: a listener is called synchronously and must only queue work.
 */
export interface EventHub {
  publish(event: DomainEvent): void;
  listen(listener: EventListener): () => void;
  readonly listeners: number;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get listeners() {
      return listeners.size;
    },
  };
}
