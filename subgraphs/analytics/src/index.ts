export { analyticsSubgraph } from './subgraph.ts';
