import type { ApolloServerPlugin } from '@apollo/server';
import { apiError, ErrorCode } from '@codex/kit/errors';
import type { RequestContext } from '@codex/kit/context';
import { BREAK, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';

/** Apollo Server keeps one parsed document per distinct query: each is walked once, not per request. */
const askingForSchema = new WeakMap<DocumentNode, boolean>();

export function asksForSchema(document: DocumentNode): boolean {
  const known = askingForSchema.get(document);
  if (known !== undefined) return known;
  const found = walkForSchema(document);
  askingForSchema.set(document, found);
  return found;
}

function walkForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** In production only SUPERADMINs may introspect the graph (Apollo Sandbox with a superadmin token). */
export function introspectionForSuperadminsOnly(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.identity?.role !== 'SUPERADMIN' && asksForSchema(document)) {
            throw apiError(ErrorCode.FORBIDDEN, 'Introspection is available to superadmins only');
          }
        },
      };
    },
  };
}

/** Production hides "Did you mean …?" so the schema cannot be guessed field by field. */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  return { ...error, message: error.message.replace(/ Did you mean .+\?$/, '') };
}
