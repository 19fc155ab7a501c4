export { cmsSubgraph } from './subgraph.ts';
