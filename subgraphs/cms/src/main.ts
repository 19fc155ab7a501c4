import { runService, startSubgraph } from '@codex/kit';
import { cmsSubgraph } from './subgraph.ts';

await runService('cms', () => startSubgraph(cmsSubgraph));
