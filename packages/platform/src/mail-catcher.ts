import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the catcher received, as its HTTP API answers it. */
export interface CaughtMail {
  /** Increasing: the newest mail has the highest. */
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

export interface MailCatcher {
  smtpUrl: string;
  /** GET /messages?to=&first=&after= (newest first); POST and DELETE /refusals?address= (see below). */
  httpUrl: string;
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  host: string;
  /** The newest this many mails are kept; older ones are dropped. */
  capacity?: number;
}

const maxMessageBytes = 1024 * 1024;

/**
 * The embedded default's SMTP server: it accepts every mail (no TLS, no login: it listens on the
 * local host only) and keeps the newest in memory for the console's inbox and the tests. An address
 * on the refusal list is answered 451 (try again later), which is how tests play a failing server.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const capacity = options.capacity ?? 500;
  const mails: CaughtMail[] = [];
  const refused = new Set<string>();
  let nextId = 1;
  const keep = (mail: Omit<CaughtMail, 'id'>) => {
    mails.push({ id: nextId++, ...mail });
    if (mails.length > capacity) mails.splice(0, mails.length - capacity);
  };
  const smtp = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (!refused.has(address.address.toLowerCase())) return callback();
      const refusal = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
      callback(refusal);
    },
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          keep({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            receivedAt: (parsed.date ?? new Date()).toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const smtpPort = await listen(smtp.server, options.host);
  const http = createServer((request, response) => answer(request, response, { mails, refused }));
  const httpPort = await listen(http, options.host);
  return {
    smtpUrl: `smtp://${options.host}:${smtpPort}`,
    httpUrl: `http://${options.host}:${httpPort}`,
    stop: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

const listen = (server: Server | NetServer, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
  });

interface Inbox {
  mails: CaughtMail[];
  refused: Set<string>;
}

function answer(request: IncomingMessage, response: ServerResponse, inbox: Inbox) {
  const url = new URL(request.url ?? '/', 'http://catcher');
  const address = url.searchParams.get('address')?.toLowerCase();
  if (url.pathname === '/messages' && request.method === 'GET') return json(response, 200, messages(url, inbox.mails));
  if (url.pathname === '/refusals' && address && request.method === 'POST') inbox.refused.add(address);
  else if (url.pathname === '/refusals' && address && request.method === 'DELETE') inbox.refused.delete(address);
  else return json(response, 404, { error: 'not found' });
  return json(response, 200, { refused: [...inbox.refused] });
}

/** Newest first; `to` filters by recipient, `after` is the id the previous page ended with. */
function messages(url: URL, mails: CaughtMail[]) {
  const to = url.searchParams.get('to')?.toLowerCase();
  const after = Number(url.searchParams.get('after') ?? Number.POSITIVE_INFINITY);
  const first = Math.min(Math.max(Number(url.searchParams.get('first') ?? 20) || 20, 1), 100);
  const matching = mails.filter((mail) => !to || mail.to.includes(to)).reverse();
  const page = matching.filter((mail) => mail.id < after);
  return { total: matching.length, messages: page.slice(0, first), hasNextPage: page.length > first };
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
