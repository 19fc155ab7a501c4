import type { RequestContext } from '@codex/kit/context';
import type { PlatformHealth } from './platform-health.ts';

/** The gateway's request context: what CDX resolvers read, besides the caller. */
export interface CdxContext extends RequestContext {
  platformHealth: () => Promise<PlatformHealth>;
}
