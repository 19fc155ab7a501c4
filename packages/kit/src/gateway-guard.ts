import type { NextFunction, Request, Response } from 'express';
import { gatewayTokenHeader, verifyGatewayToken, type ForwardedRequest } from './gateway-trust.ts';
import { ErrorCode } from './errors.ts';

/**
 * Express middleware for every subgraph route except health: only requests signed by the gateway
 * pass; what the gateway established (request id, address, identity) is kept on `res.locals`.
 */
export function requireGateway(key: Uint8Array) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = req.header(gatewayTokenHeader);
    try {
      if (!token) throw new Error('missing');
      res.locals.forwarded = verifyGatewayToken(key, token);
      next();
    } catch {
      res.status(401).json({
        errors: [
          { message: 'Requests must come through the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } },
        ],
      });
    }
  };
}

export const forwardedRequestOf = (res: Response) => res.locals.forwarded as ForwardedRequest;
