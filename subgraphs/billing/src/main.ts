import { runService, startSubgraph } from '@codex/kit';
import { billingSubgraph } from './subgraph.ts';

await runService('billing', () => startSubgraph(billingSubgraph));
