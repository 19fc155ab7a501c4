import { runService, startSubgraph } from '@codex/kit';
import { analyticsSubgraph } from './subgraph.ts';

await runService('analytics', () => startSubgraph(analyticsSubgraph));
