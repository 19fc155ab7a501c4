import { apiError, ErrorCode } from '@codex/kit';
import { z } from 'zod';
import type { QueryMailInboxArgs } from './generated/graphql.ts';

const caughtMail = z.object({
  id: z.number(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  receivedAt: z.string(),
});
const inboxPage = z.object({ total: z.number(), hasNextPage: z.boolean(), messages: z.array(caughtMail) });

const emptyInbox = { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false }, totalCount: 0 };

/**
 * The embedded SMTP catcher's inbox (packages/platform/src/mail-catcher.ts), newest first; empty
 * when mail goes to a real SMTP server. Cursors are the catcher's message ids.
 */
export async function readMailInbox(catcherUrl: string | null, args: QueryMailInboxArgs) {
  if (!catcherUrl) return emptyInbox;
  const url = new URL('/messages', catcherUrl);
  if (args.first != null) url.searchParams.set('first', String(args.first));
  if (args.after) url.searchParams.set('after', args.after);
  if (args.to) url.searchParams.set('to', args.to);
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => null);
  if (!response?.ok) throw apiError(ErrorCode.SERVICE_UNAVAILABLE, 'The mail catcher does not answer');
  const page = inboxPage.parse(await response.json());
  const edges = page.messages.map((mail) => ({
    cursor: String(mail.id),
    node: { ...mail, id: String(mail.id), receivedAt: new Date(mail.receivedAt) },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total,
  };
}
