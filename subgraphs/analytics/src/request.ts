import type { DomainRequest, TransactionClient } from '@codex/kit';
import type { AnalyticsDatabase } from './db.ts';

/** What this service's domain functions get from a request (the context satisfies it). */
export type AnalyticsRequest = DomainRequest<AnalyticsDatabase>;

/** A transaction of this service's client (inside `withScope`). */
export type AnalyticsTx = TransactionClient<AnalyticsDatabase>;
