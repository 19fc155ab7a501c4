/**
 * Auth's mails: each template's data, and its subject, text and HTML. Links are built from the
 * console's PUBLIC_URL; every mail names the tenant it concerns (or the platform).
 */
export interface MailData {
  invitation: { token: string; role: string; tenantSlug: string; inviterName: string | null };
  'email-verification': { token: string };
  'password-reset': { token: string };
  'new-sign-in': { ip: string | null; userAgent: string | null; at: string };
  'mfa-enrolled': Record<string, never>;
  'mfa-removed': Record<string, never>;
}
export type MailTemplate = keyof MailData;

export const mailTemplates = [
  'invitation',
  'email-verification',
  'password-reset',
  'new-sign-in',
  'mfa-enrolled',
  'mfa-removed',
] as const satisfies readonly MailTemplate[];

/** A mail to queue: its address, template and that template's data; `tenantId` null for platform accounts. */
export type OutgoingMail = {
  [T in MailTemplate]: { to: string; template: T; tenantId: string | null; data: MailData[T] };
}[MailTemplate];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailContext {
  /** The tenant's name, or the platform's for accounts without a tenant. */
  tenantName: string;
  publicUrl: string;
}

/** A paragraph of text and, optionally, one call to action: what every template says. */
interface MailBody {
  subject: string;
  lines: string[];
  action?: { label: string; url: string };
}

const link = (context: MailContext, path: string, query: Record<string, string>) => {
  const url = new URL(path, context.publicUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
};

const bodies: { [T in MailTemplate]: (data: MailData[T], context: MailContext) => MailBody } = {
  invitation: (data, context) => ({
    subject: `You are invited to ${context.tenantName}`,
    lines: [
      `${data.inviterName ?? 'An administrator'} invites you to join ${context.tenantName} as ${data.role}.`,
      'Choose your password with the link below. It works once and expires in 7 days.',
    ],
    action: {
      label: 'Accept the invitation',
      url: link(context, '/accept-invitation', { token: data.token, tenant: data.tenantSlug }),
    },
  }),
  'email-verification': (data, context) => ({
    subject: `Confirm your e-mail address for ${context.tenantName}`,
    lines: ['Confirm that this address is yours. The link works once and expires in 48 hours.'],
    action: { label: 'Confirm my address', url: link(context, '/verify-email', { token: data.token }) },
  }),
  'password-reset': (data, context) => ({
    subject: `Reset your ${context.tenantName} password`,
    lines: [
      'Someone asked to reset the password of this account. If it was not you, ignore this mail.',
      'The link works once and expires in 1 hour; using it signs you out everywhere.',
    ],
    action: { label: 'Choose a new password', url: link(context, '/reset-password', { token: data.token }) },
  }),
  'new-sign-in': (data, context) => ({
    subject: `New sign-in to your ${context.tenantName} account`,
    lines: [
      `Your account was signed in from a device we had not seen before, at ${data.at}.`,
      `Address: ${data.ip ?? 'unknown'}. Browser or client: ${data.userAgent ?? 'unknown'}.`,
      'If this was not you, change your password and end your other sessions.',
    ],
  }),
  'mfa-enrolled': (_data, context) => ({
    subject: `Two-factor sign-in turned on for ${context.tenantName}`,
    lines: ['Two-factor sign-in is now on for your account. If you did not do this, reset your password now.'],
  }),
  'mfa-removed': (_data, context) => ({
    subject: `Two-factor sign-in turned off for ${context.tenantName}`,
    lines: ['Two-factor sign-in was removed from your account. If you did not do this, reset your password now.'],
  }),
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function toHtml(body: MailBody, context: MailContext): string {
  const paragraphs = body.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  if (body.action)
    paragraphs.push(`<p><a href="${escapeHtml(body.action.url)}">${escapeHtml(body.action.label)}</a></p>`);
  return `<!doctype html><html><body><h1>${escapeHtml(context.tenantName)}</h1>${paragraphs.join('')}</body></html>`;
}

function toText(body: MailBody, context: MailContext): string {
  const action = body.action ? [`${body.action.label}: ${body.action.url}`] : [];
  return [context.tenantName, '', ...body.lines, ...action, ''].join('\n');
}

/** The mail's subject, text and HTML. */
export function renderMail(mail: OutgoingMail, context: MailContext): RenderedMail {
  const body = (bodies[mail.template] as (data: OutgoingMail['data'], context: MailContext) => MailBody)(
    mail.data,
    context,
  );
  return { subject: body.subject, text: toText(body, context), html: toHtml(body, context) };
}
