export { authSubgraph } from './subgraph.ts';
