import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { applyPermissions } from '@codex/kit/permissions';
import { readTypeDefs } from '@codex/kit/subgraph-sdl';
import type { GraphQLSchema } from 'graphql';
import { permissions } from './permissions.ts';
import { resolvers } from './resolvers.ts';

export const cdxSdlFile = new URL('../../../schema/cdx.graphql', import.meta.url);

/** The CDX subgraph's executable schema, guarded by the same shield rules as every subgraph. */
export async function buildCdxSchema(): Promise<GraphQLSchema> {
  const typeDefs = readTypeDefs(cdxSdlFile);
  return applyPermissions(
    buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
    permissions,
  );
}
