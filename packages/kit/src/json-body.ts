import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { ErrorCode } from './errors.ts';

export interface JsonBodyLimits {
  maxBytes: number;
  /** Nesting of arrays and objects: a deeply nested body costs every later walk over it. */
  maxDepth: number;
}

/** What the subgraphs accept: the gateway's default body size; GraphQL inputs nest far less than 64. */
export const subgraphJsonLimits: JsonBodyLimits = { maxBytes: 1_048_576, maxDepth: 64 };

const tooDeep = 'json.too.deep';

/** The deepest nesting of `[`/`{` in JSON text, strings skipped; stops counting past `max`. */
export function jsonDepthBeyond(text: Buffer | string, max: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
  }
  return false;
}

const refusal = (res: Response, status: number, message: string, limit: string, max: number) =>
  res
    .status(status)
    .json({ errors: [{ message, extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit, max } }] });

/** body-parser's other refusals, in words a client can act on. */
const bodyRefusals: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'charset.unsupported': 'Request body charset is not supported: send UTF-8',
  'encoding.unsupported': 'Request body content-encoding is not supported',
  'request.aborted': 'Request body was aborted',
  'request.size.invalid': 'Request body is shorter or longer than its content-length',
};

/**
 * body-parser's refusals (too large, too deep, not JSON, unsupported charset or encoding, a body
 * that ends early) as GraphQL-shaped errors with codes: 413/400 OPERATION_LIMIT_EXCEEDED naming the
 * limit, other 4xx BAD_USER_INPUT. Passed on, Express would answer them as an HTML page with a stack
 * trace outside production.
 */
export function bodyParserErrors(limits: JsonBodyLimits): ErrorRequestHandler {
  return (error: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') {
      return void refusal(
        res,
        413,
        `Request body is larger than ${limits.maxBytes} bytes`,
        'bodyBytes',
        limits.maxBytes,
      );
    }
    if (error.type === tooDeep) {
      return void refusal(res, 400, `Request body nests deeper than ${limits.maxDepth}`, 'jsonDepth', limits.maxDepth);
    }
    const message = error.type ? bodyRefusals[error.type] : undefined;
    if (!message) return void next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
    res.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
  };
}

/** express.json bounded in size and nesting (checked on the raw bytes, before parsing), with its refusals coded. */
export function jsonBody(limits: JsonBodyLimits): [RequestHandler, ErrorRequestHandler] {
  const parse = express.json({
    limit: limits.maxBytes,
    verify: (_req, _res, buffer) => {
      if (jsonDepthBeyond(buffer, limits.maxDepth)) throw Object.assign(new Error('too deep'), { type: tooDeep });
    },
  });
  return [parse, bodyParserErrors(limits)];
}
