import { ErrorCode } from '@codex/kit/errors';
import { inject } from 'vitest';
import { encodeBody } from './fuzz-values.ts';

/** One answer of the gateway as the fuzz suite sees it; bodies that are not JSON keep their text. */
export interface Answer {
  status: number;
  data: unknown;
  errors: { message: string; code: string }[];
}

/** POSTs an operation with its variables written by `encodeBody` (raw numbers stay numbers). */
export async function send(query: string, variables: unknown, token: string | null): Promise<Answer> {
  const response = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: encodeBody({ query, variables }),
  });
  const text = await response.text();
  try {
    const body = JSON.parse(text) as {
      data?: unknown;
      errors?: { message?: string; extensions?: { code?: unknown } }[];
    };
    const errors = (body.errors ?? []).map((error) => ({
      message: String(error.message),
      code: String(error.extensions?.code ?? '(no code)'),
    }));
    return { status: response.status, data: body.data ?? null, errors };
  } catch {
    return { status: response.status, data: null, errors: [{ message: text.slice(0, 300), code: '(not JSON)' }] };
  }
}

const allowedCodes = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** What no message may show: the ORM, its call sites, source paths, SQL states and SQL text. */
const leakPatterns: [string, RegExp][] = [
  ['prisma', /prisma/i],
  ['invocation', /invocation/i],
  ['file path', /(?:\/[\w.@-]+){2,}\.(?:[cm]?[jt]s)\b|node_modules|file:\/\//],
  ['SQL state', /SQLSTATE|\b(?:0[18]|2[2-7]|4[02]|5[3-8]|XX)[0-9A-Z]{3}\b|\bP[0-9]{4}\b/],
  ['SQL text', /violates|duplicate key|relation "|syntax error at|invalid input syntax|out of range for type/i],
];

export type FailureKind = 'http 5xx' | 'error code' | 'message leak' | 'wrote on error' | 'list unreadable';

export interface Failure {
  kind: FailureKind;
  field: string;
  position: string;
  value: string;
  role: string;
  detail: string;
}

const short = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** The failures one answer shows (status, codes, leaking messages), described for a report. */
export function answerFailures(answer: Answer, where: Omit<Failure, 'kind' | 'detail'>): Failure[] {
  const failures: Failure[] = [];
  if (answer.status >= 500) {
    const first = answer.errors[0];
    failures.push({
      kind: 'http 5xx',
      ...where,
      detail: `${answer.status} ${first?.code} ${short(first?.message ?? '')}`,
    });
  }
  for (const error of answer.errors) {
    if (!allowedCodes.has(error.code)) {
      failures.push({
        kind: 'error code',
        ...where,
        detail: `${error.code} (${answer.status}): ${short(error.message)}`,
      });
    }
    for (const [name, pattern] of leakPatterns) {
      if (pattern.test(error.message)) {
        failures.push({ kind: 'message leak', ...where, detail: `${name} in ${error.code}: ${short(error.message)}` });
      }
    }
  }
  return failures;
}

/** `service.table +n` for every count that rose. */
export function grownTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.entries(after)
    .filter(([table, count]) => count > (before[table] ?? 0))
    .map(([table, count]) => `${table} +${count - (before[table] ?? 0)}`);
}

export const describeFailure = (failure: Failure) =>
  `${failure.field} @${failure.position} <${failure.value}> as ${failure.role}: ${failure.detail}`;
