import type { Identity, SubgraphName } from '@codex/kit';
import { identityOf, subgraphRequest } from './subgraph-request.ts';

/**
 * One subgraph's part of the PlatformOverview entity, asked straight through `_entities` (what the
 * gateway does for `platformOverview`): `selection` is the fields of that part. SUPERADMIN unless
 * another identity is given.
 */
export const platformPartOf = (
  service: SubgraphName,
  selection: string,
  identity: Identity = identityOf('SUPERADMIN', null),
) =>
  subgraphRequest(
    service,
    /* GraphQL */ `query PlatformPart($r: [_Any!]!) { _entities(representations: $r) { ... on PlatformOverview { id ${selection} } } }`,
    {
      identity,
      variables: { r: [{ __typename: 'PlatformOverview', id: 'platform' }] },
    },
  );

/**
 * Other test files write concurrently: reads the API's answer between two direct readings and
 * retries (up to 20 times) until those agree, so nothing moved while the API answered.
 */
export async function settled<T>(read: () => Promise<T>, api: () => Promise<T>) {
  for (let attempt = 0; ; attempt++) {
    const before = await read();
    const answer = await api();
    const after = await read();
    if (JSON.stringify(before) === JSON.stringify(after) || attempt === 20) return { expected: after, answer };
  }
}
