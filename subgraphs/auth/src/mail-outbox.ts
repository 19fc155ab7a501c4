import { allTenants, type Logger, type SubgraphConfig } from '@codex/kit';
import { defineTask, type JobQueue, type Task } from '@codex/kit/job-queue';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { scopeAuthDatabase, type AuthDatabase } from './db.ts';
import { type OutgoingMail, renderMail } from './mail-templates.ts';
import type { AuthTx } from './request.ts';

export type { MailTemplate, OutgoingMail } from './mail-templates.ts';

export type MailSettings = SubgraphConfig['mail'];

/** What a mail is signed with when it concerns no tenant (SUPERADMINs). */
const platformName = 'Codex Metatron';

const maxAttempts = 10;
const sendMailPayload = z.object({ mailId: z.uuid() });
type SendMailTask = Task<typeof sendMailPayload>;

/** Queues Auth's mails: a row in `mail_outbox` and its send job, both in the caller's transaction. */
export interface MailOutbox {
  queue(tx: AuthTx, mail: OutgoingMail): Promise<void>;
}

/**
 * Queues `mail` in `tx`: rendered now (tenant name, links from PUBLIC_URL), sent by the
 * `auth.send-mail` job after `tx` commits, never if it rolls back. Sending never fails the action.
 */
export const queueMail = (services: { mail: MailOutbox }, tx: AuthTx, mail: OutgoingMail) =>
  services.mail.queue(tx, mail);

export function createMailOutbox(jobs: JobQueue, task: SendMailTask, settings: MailSettings): MailOutbox {
  return {
    queue: async (tx, mail) => {
      const tenant = mail.tenantId
        ? await tx.tenant.findUnique({ where: { id: mail.tenantId }, select: { name: true } })
        : null;
      const rendered = renderMail(mail, { tenantName: tenant?.name ?? platformName, publicUrl: settings.publicUrl });
      const row = await tx.mailOutbox.create({
        data: { tenantId: mail.tenantId, to: mail.to, template: mail.template, ...rendered },
        select: { id: true },
      });
      await jobs.enqueue(tx, task, { mailId: row.id });
    },
  };
}

/** SMTP from SMTP_URL, with timeouts a job can wait for; none configured: mails go nowhere (logged). */
function createTransport(settings: MailSettings): Transporter | null {
  if (!settings.smtpUrl) return null;
  return nodemailer.createTransport(settings.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as object);
}

/**
 * Sends one queued mail. A refusal or an unreachable server fails the run: the job queue retries
 * it with backoff (MAIL_RETRY_DELAY_SECONDS, doubling), the row keeps the mail and its last error,
 * and after the last attempt it is FAILED (still in the outbox). Once sent, its body (which may
 * hold a link token) is cleared.
 */
export const sendMailTask = (db: AuthDatabase, settings: MailSettings): SendMailTask => {
  // Built at the first send: the enqueue-side copy of this task never connects.
  let transport: Transporter | null | undefined;
  const system = scopeAuthDatabase(db, allTenants);
  return defineTask({
    name: 'auth.send-mail',
    payload: sendMailPayload,
    maxAttempts,
    retryDelaySeconds: settings.retryDelaySeconds,
    timeoutSeconds: 120,
    run: async ({ mailId }, { attempt, logger }) => {
      const mail = await system.mailOutbox.findUnique({ where: { id: mailId } });
      // Sent already: a retry after the completion was lost.
      if (mail?.status !== 'PENDING') return;
      try {
        transport ??= createTransport(settings);
        await deliver(transport, settings, mail, logger);
      } catch (error) {
        const lastError = describe(error);
        await system.mailOutbox.update({
          where: { id: mailId },
          data: { attempts: { increment: 1 }, lastError, ...(attempt >= maxAttempts ? { status: 'FAILED' } : {}) },
        });
        throw new Error(`mail not sent: ${lastError}`);
      }
      await system.mailOutbox.update({
        where: { id: mailId },
        data: {
          status: 'SENT',
          sentAt: new Date(),
          attempts: { increment: 1 },
          lastError: null,
          text: null,
          html: null,
        },
      });
    },
  });
};

interface QueuedMail {
  id: string;
  to: string;
  template: string;
  subject: string;
  text: string | null;
  html: string | null;
}

async function deliver(transport: Transporter | null, settings: MailSettings, mail: QueuedMail, logger: Logger) {
  if (!transport) {
    logger.warn({ mailId: mail.id, template: mail.template }, 'no SMTP_URL: mail not delivered');
    return;
  }
  await transport.sendMail({
    from: settings.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text ?? '',
    ...(mail.html ? { html: mail.html } : {}),
  });
}

/** The SMTP failure without the message (the server's reply and the failed command only). */
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);
