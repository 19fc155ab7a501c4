import { runService, startSubgraph } from '@codex/kit';
import { authSubgraph } from './subgraph.ts';

await runService('auth', () => startSubgraph(authSubgraph));
