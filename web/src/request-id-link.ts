import { ApolloLink } from '@apollo/client';
import { map } from 'rxjs';

/**
 * Gives each operation its own `x-request-id` (the gateway keeps an id that looks like one and logs
 * under it) and writes it into every error's `extensions.requestId`, so an error banner can show
 * the id a person quotes when reporting the failure.
 */
export function createRequestIdLink(newId: () => string = () => crypto.randomUUID()): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const requestId = newId();
    operation.setContext(({ headers }: { headers?: Record<string, string> }) => ({
      headers: { ...headers, 'x-request-id': requestId },
    }));
    return forward(operation).pipe(
      map((result) =>
        result.errors
          ? {
              ...result,
              errors: result.errors.map((error) => ({
                ...error,
                extensions: { requestId, ...error.extensions },
              })),
            }
          : result,
      ),
    );
  });
}
