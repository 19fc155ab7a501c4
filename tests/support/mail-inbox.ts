import type { CaughtMail } from '@codex/platform';
import { inject } from 'vitest';

const catcher = (path: string) => new URL(path, inject('mailCatcherUrl'));

/** Every mail the catcher holds for `address`, newest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const url = catcher('/messages');
  url.searchParams.set('to', address);
  url.searchParams.set('first', '100');
  const response = await fetch(url);
  return ((await response.json()) as { messages: CaughtMail[] }).messages;
}

/** Polls the catcher until a mail to `address` matches (newest first), or fails after `timeoutMs`. */
export async function waitForMail(
  address: string,
  matches: (mail: CaughtMail) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsTo(address)).find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The `token` query parameter of the link in a mail's text. */
export function linkToken(mail: CaughtMail): string {
  const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`no link token in the mail "${mail.subject}"`);
  return token;
}

/** The catcher answers 451 (try later) to mails for `address` until `acceptMailTo`: an SMTP server failing. */
export const refuseMailTo = (address: string) => setRefusal(address, 'POST');
export const acceptMailTo = (address: string) => setRefusal(address, 'DELETE');

async function setRefusal(address: string, method: 'POST' | 'DELETE') {
  const url = catcher('/refusals');
  url.searchParams.set('address', address);
  const response = await fetch(url, { method });
  if (!response.ok) throw new Error(`catcher refusal ${method} answered ${response.status}`);
}
