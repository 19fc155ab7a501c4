import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type express from 'express';

/**
 * Apollo Server as the last handler of an Express route: the request as Apollo's
 * `HTTPGraphQLRequest` (the parsed body from the JSON middleware before it), and Apollo's answer
 * written back. A complete answer goes out with one `res.end(text)` and its `content-length`, so
 * Node writes the head and the body in one piece; Express's `res.send` turned every text of 1,000
 * characters or more into a Buffer (a copy, then a second chunk in the socket write) and parsed the
 * content type again. An incremental answer (`@defer`) is written chunk by chunk.
 */
export function apolloExpressHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (request: { req: express.Request; res: express.Response }) => Promise<TContext>,
): express.RequestHandler {
  server.assertStarted('apolloExpressHandler()');
  return async (req, res, next) => {
    try {
      if (!('body' in req)) throw new Error('apolloExpressHandler needs a JSON body parser before it');
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const queryStart = req.url.indexOf('?');
      const request: HTTPGraphQLRequest = {
        method: req.method.toUpperCase(),
        headers,
        search: queryStart === -1 ? '' : req.url.slice(queryStart),
        body: req.body,
      };
      const answer = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: request,
        context: () => context({ req, res }),
      });
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === 'complete') {
        res.setHeader('content-length', Buffer.byteLength(answer.body.string));
        res.end(answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}
