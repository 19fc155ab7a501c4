import type { Request } from 'express';

/** One GraphQL request as it came over HTTP, before Apollo Server reads it. */
export interface HttpOperation {
  query?: unknown;
  extensions?: unknown;
}

/** GET's operation lives in the URL's search parameters, with `variables` and `extensions` as JSON text. */
export const searchOf = (req: Request) => new URL(req.originalUrl, 'http://gateway').search;

const parsedOrUndefined = (text: string | null): unknown => {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // Apollo Server refuses it with its own message
  }
};

/**
 * The operations Apollo Server will run for this request: a POST body's (one, or a batch), or
 * GET's search parameters. Call only after the JSON depth is bounded (GET's are parsed here).
 */
export function operationsOf(req: Request): unknown[] {
  if (req.method !== 'GET') return Array.isArray(req.body) ? req.body : [req.body];
  const params = new URLSearchParams(searchOf(req));
  return [{ query: params.get('query') ?? undefined, extensions: parsedOrUndefined(params.get('extensions')) }];
}

/** GET's JSON parameters as text, for checks that must run before anything parses them. */
export function jsonTextsOf(req: Request): string[] {
  if (req.method !== 'GET') return [];
  const params = new URLSearchParams(searchOf(req));
  return [...params.getAll('variables'), ...params.getAll('extensions')];
}

/** A member of a JSON object sent by the client, whatever it sent. */
export const fieldOf = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
