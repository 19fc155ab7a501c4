import { composeServices } from '@apollo/composition';
import { defaultPorts, subgraphNames } from '@codex/kit/services';
import { readTypeDefs } from '@codex/kit/subgraph-sdl';

export const schemaDir = new URL('../../schema/', import.meta.url);
export const supergraphFile = new URL('supergraph.graphql', schemaDir);

/** The URL recorded in the committed supergraph; the gateway maps each name to its configured URL. */
const defaultSubgraphUrl = (name: (typeof subgraphNames)[number]) => `http://localhost:${defaultPorts[name]}/graphql`;

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** CDX has no server of its own by default: the gateway process resolves its fields (see cdx/). */
export const cdxSubgraph = { name: 'cdx', url: `http://localhost:${defaultPorts.gateway}/cdx/graphql` } as const;

/**
 * Composes `schema/<subgraph>.graphql` (the five services and CDX), each with the shared SDL files it
 * imports, read as the subgraphs read them, into the supergraph SDL with Apollo's composition library.
 */
export async function composeSupergraph(): Promise<string> {
  const parts = [...subgraphNames.map((name) => ({ name, url: defaultSubgraphUrl(name) })), cdxSubgraph];
  const services = parts.map(({ name, url }) => ({
    name,
    url,
    typeDefs: readTypeDefs(new URL(`${name}.graphql`, schemaDir)),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
