import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * The console's one Apollo Client. `/graphql` is same-origin: the dev and preview servers proxy
 * it to the gateway. The auth link (bearer token from the login screen) goes in front of the
 * HTTP link here, with `ApolloLink.from([authLink, httpLink])`.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql' }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { tenants: relayStylePagination() } },
      },
    }),
  });
}
