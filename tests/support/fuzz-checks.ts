import { randomUUID } from 'node:crypto';
import { gatewayKey, gatewayTokenHeader, signGatewayToken, type SubgraphName } from '@codex/kit';
import { answerCodes, ErrorCode } from '@codex/kit/errors';
import { inject } from 'vitest';
import { encodeBody } from './fuzz-values.ts';

/** One answer of the gateway as the fuzz suite sees it; bodies that are not JSON keep their text. */
export interface Answer {
  status: number;
  data: unknown;
  errors: { message: string; code: string }[];
}

/** POSTs an operation to the gateway with its variables written by `encodeBody` (raw numbers stay numbers). */
export async function send(query: string, variables: unknown, token: string | null): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return answerOf(await post(inject('gatewayUrl'), query, variables, headers));
}

/**
 * POSTs an anonymous operation straight to a subgraph, signed as the gateway would for a client at
 * a random address: failed logins are throttled per address (20 in 15 min), and through the
 * gateway every test's address is 127.0.0.1, so fuzzing `login` there would lock the whole run out.
 */
export async function sendToSubgraph(service: SubgraphName, query: string, variables: unknown): Promise<Answer> {
  const clientIp = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join('.')}`;
  const token = await signGatewayToken(gatewayKey(inject('gatewaySecret')), {
    requestId: randomUUID(),
    clientIp,
    identity: null,
  });
  return answerOf(await post(inject('subgraphUrls')[service], query, variables, { [gatewayTokenHeader]: token }));
}

const post = (url: string, query: string, variables: unknown, headers: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: encodeBody({ query, variables }),
  });

async function answerOf(response: Response): Promise<Answer> {
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

/** The closed set of codes an answer may carry (the API's and Apollo's request-level ones), less INTERNAL_SERVER_ERROR. */
const allowedCodes = new Set<string>([...answerCodes].filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

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

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
};

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
    // An INTERNAL_SERVER_ERROR fails above already, and outside development and test its message is
    // masked (formatApiError): the leak check is for the messages clients really read.
    if (error.code === ErrorCode.INTERNAL_SERVER_ERROR) continue;
    // Dates the caller sent are echoed in messages; their digits are not SQL states.
    const message = error.message.replace(/\d{4,}-\d{2}-\d{2}T[\d:.]+Z?/g, '<date>');
    const leaks = leakPatterns.filter(([, pattern]) => pattern.test(message)).map(([name]) => name);
    if (leaks.length) {
      failures.push({
        kind: 'message leak',
        ...where,
        detail: `${leaks.join(', ')} in ${error.code}: ${short(error.message)}`,
      });
    }
  }
  return failures;
}

/** `service.table +n` for every count that rose. */
/**
 * Auth's security log records refused attempts on purpose (a wrong MFA code is MFA_FAILED, as a wrong
 * password is LOGIN_FAILED): a row there after an error is the design, not a partial write.
 */
const securityLogs = new Set(['auth.auth_events']);

export function grownTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.entries(after)
    .filter(([table, count]) => !securityLogs.has(table) && count > (before[table] ?? 0))
    .map(([table, count]) => `${table} +${count - (before[table] ?? 0)}`);
}

export const describeFailure = (failure: Failure) =>
  `${failure.field} @${failure.position} <${failure.value}> as ${failure.role}: ${failure.detail}`;
