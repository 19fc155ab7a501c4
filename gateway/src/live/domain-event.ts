/** The contract's event (events-contract.md); replaced by `@codex/kit/domain-events` once merged. */
export interface DomainEvent {
  id: string;
  seq: string;
  service: string;
  type: string;
  tenantId: string | null;
  entityId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  requestId: string | null;
}
