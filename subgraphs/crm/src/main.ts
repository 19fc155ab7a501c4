import { runService, startSubgraph } from '@codex/kit';
import { crmSubgraph } from './subgraph.ts';

await runService('crm', () => startSubgraph(crmSubgraph));
