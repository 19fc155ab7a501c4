import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RequestContext } from '@codex/kit/context';
import { apiError, ErrorCode } from '@codex/kit/errors';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { fieldOf, operationsOf } from './http-operations.ts';

/** Apollo's persisted query manifest (the format Apollo Router and GraphOS read too). */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), body: z.string() })),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Registered operations by id (the SHA-256 of the body, as automatic persisted queries hash it). */
export type Safelist = ReadonlyMap<string, string>;

/** Reads the manifests the clients generate at build (web: `npm run persisted-operations`). */
export async function loadSafelist(files: readonly URL[]): Promise<Safelist> {
  const operations = new Map<string, string>();
  for (const file of files) {
    const manifest = manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    for (const operation of manifest.operations) {
      if (sha256(operation.body) !== operation.id)
        throw new Error(`${file.pathname}: operation ${operation.name} has an id that is not the SHA-256 of its body`);
      operations.set(operation.id, operation.body);
    }
  }
  return operations;
}

/**
 * The automatic-persisted-query store: registered operations are always known by their id (a
 * client can send the hash alone from its first request, even after a gateway restart); others
 * are learnt at run time, in a bounded in-memory cache.
 */
export function persistedQueryCache(safelist: Safelist): KeyValueCache<string> {
  const learnt = new InMemoryLRUCache<string>({ maxSize: 20 * 1024 * 1024 });
  const idOf = (key: string) => key.replace(/^apq:/, '');
  return {
    get: async (key) => safelist.get(idOf(key)) ?? learnt.get(key),
    set: (key, value, options) => learnt.set(key, value, options),
    delete: (key) => learnt.delete(key),
  };
}

/**
 * Requests the gateway makes of itself (a `tenantFigures` subscription re-running its selection as
 * a query, as the subscriber): their text is the gateway's own rewrite, not a client's.
 */
const ownRequest = Symbol('gateway-own-request');
/** Marks a context as the gateway's own; a symbol key, since Apollo Server shallow-clones contexts. */
export const asOwnRequest = <T extends object>(context: T): T => Object.assign(context, { [ownRequest]: true });
const isOwnRequest = (context: object) => ownRequest in context;

/**
 * Safelist mode: only registered operations run, whether sent by id or in full. SUPERADMINs are
 * exempt, so operators can still explore the graph in Apollo Sandbox; so are the gateway's own requests.
 */
export function safelistPlugin(safelist: Safelist): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          if (
            contextValue.identity?.role === 'SUPERADMIN' ||
            isOwnRequest(contextValue) ||
            safelist.has(sha256(source))
          )
            return;
          throw apiError(ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, 'This operation is not registered in the safelist', {
            http: { status: 400 },
          });
        },
      };
    },
  };
}

/** Apollo Router's code for a registration whose hash is not its query's (Apollo Server has none). */
const hashMismatch = 'PERSISTED_QUERY_HASH_MISMATCH';

function persistedQueryRefusal(operation: unknown): { code: string; message: string } | undefined {
  const persisted = fieldOf(fieldOf(operation, 'extensions'), 'persistedQuery');
  if (!persisted) return undefined;
  if (fieldOf(persisted, 'version') !== 1)
    return {
      code: ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
      message: 'Unsupported persisted query version',
    };
  const query = fieldOf(operation, 'query');
  if (typeof query === 'string' && sha256(query) !== fieldOf(persisted, 'sha256Hash'))
    return { code: hashMismatch, message: 'The persisted query hash does not match the query' };
  return undefined;
}

/**
 * Apollo Server answers an unknown APQ version, or a hash that is not the SHA-256 of the query
 * sent with it, with an error without a code (an INTERNAL_SERVER_ERROR): both are the client's
 * mistake, refused here first with HTTP 400 and a PERSISTED_QUERY_* code.
 */
export function persistedQueryChecks() {
  return (req: Request, res: Response, next: NextFunction) => {
    const refused = operationsOf(req).map(persistedQueryRefusal).find(Boolean);
    if (!refused) {
      next();
      return;
    }
    res.status(400).json({ errors: [{ message: refused.message, extensions: { code: refused.code } }] });
  };
}
