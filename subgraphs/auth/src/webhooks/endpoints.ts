import {
  auditRow,
  badInput,
  findById,
  inputSchema,
  isUuid,
  loadTenantPage,
  parseInput,
  textSchema,
  withScope,
  type PageArgs,
} from '@codex/kit';
import { z } from 'zod';
import type { Prisma, WebhookEndpoint } from '../db.ts';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from '../generated/graphql.ts';
import { columnLimits } from '../generated/column-limits.ts';
import { encryptSecret } from '../key-encryption.ts';
import { existingTargetTenant, requireIdentity, type AuthRequest, type AuthTx } from '../request.ts';
import { targetTenantSchema } from '../validation.ts';
import { eventTypesSchema } from './event-types.ts';
import { ReceiverRefused, resolveReceiver } from './receiver-address.ts';
import type { WebhookRuntime } from './runtime.ts';
import { newWebhookSecret } from './signature.ts';

const limits = columnLimits.WebhookEndpoint;
const entity = 'WebhookEndpoint';
const rotationOverlapMs = 24 * 60 * 60 * 1000;

/** Zod runs every refinement even after one failed: the later ones see unparsable text too. */
const parsedUrl = (text: string) => (URL.canParse(text) ? new URL(text) : null);

const urlSchema = z
  .string()
  .trim()
  .max(limits.url, `must be at most ${limits.url} characters`)
  .refine((text) => URL.canParse(text), 'must be an absolute URL')
  .refine((text) => ['http:', 'https:', undefined].includes(parsedUrl(text)?.protocol), 'must be http or https')
  .refine((text) => !parsedUrl(text)?.username && !parsedUrl(text)?.password, 'must not carry a user or password');

const descriptionSchema = textSchema(limits.description).nullish();

const createInput = inputSchema<CreateWebhookEndpointInput>()(
  z.object({
    url: urlSchema,
    eventTypes: eventTypesSchema.nullish(),
    description: descriptionSchema,
    tenantId: targetTenantSchema,
  }),
);

const updateInput = inputSchema<UpdateWebhookEndpointInput>()(
  z.object({ url: urlSchema.nullish(), eventTypes: eventTypesSchema.nullish(), description: descriptionSchema }),
);

export interface CreatedWebhookEndpoint {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** A receiver that resolves to a refused address is refused now, not only at its first delivery. */
async function assertReachable(url: string, runtime: WebhookRuntime, field: string) {
  try {
    await resolveReceiver(new URL(url), runtime.settings.allowPrivateNetworks);
  } catch (error) {
    if (error instanceof ReceiverRefused) throw badInput(error.message, field);
    throw error;
  }
}

export async function createWebhookEndpoint(
  request: AuthRequest,
  runtime: WebhookRuntime,
  input: CreateWebhookEndpointInput,
): Promise<CreatedWebhookEndpoint> {
  const identity = requireIdentity(request.identity);
  const data = parseInput(createInput, input, 'input');
  const tenantId = await existingTargetTenant(request, identity, data.tenantId, 'input.tenantId');
  await assertReachable(data.url, runtime, 'input.url');
  const secret = newWebhookSecret();
  const fields = { url: data.url, eventTypes: data.eventTypes ?? [], description: data.description ?? null };
  const endpoint = await withScope(request.db, request.dataScope, async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        ...fields,
        tenantId,
        createdById: identity.subjectId,
        secretEncrypted: encryptSecret(runtime.secretKey, secret),
      },
    });
    await auditRow(tx, request, 'webhook_endpoint.create', entity, created, fields);
    return created;
  });
  return { endpoint, secret };
}

/** Finds the endpoint in the caller's scope (else NOT_FOUND), changes it and audits the change, in one transaction. */
function changeEndpoint(
  request: AuthRequest,
  id: string,
  action: string,
  change: (
    tx: AuthTx,
    endpoint: WebhookEndpoint,
  ) => Promise<{ data: Prisma.WebhookEndpointUpdateInput; audit?: object }>,
): Promise<WebhookEndpoint> {
  requireIdentity(request.identity);
  return withScope(request.db, request.dataScope, async (tx) => {
    const endpoint = await findById(tx.webhookEndpoint, id, 'Webhook endpoint');
    const { data, audit } = await change(tx, endpoint);
    const updated = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data });
    await auditRow(tx, request, `webhook_endpoint.${action}`, entity, updated, { ...audit });
    return updated;
  });
}

export async function updateWebhookEndpoint(
  request: AuthRequest,
  runtime: WebhookRuntime,
  id: string,
  input: UpdateWebhookEndpointInput,
): Promise<WebhookEndpoint> {
  const parsed = parseInput(updateInput, input, 'input');
  if (parsed.url) await assertReachable(parsed.url, runtime, 'input.url');
  const data = {
    ...(parsed.url ? { url: parsed.url } : {}),
    ...(parsed.eventTypes ? { eventTypes: parsed.eventTypes } : {}),
    ...(parsed.description !== undefined ? { description: parsed.description } : {}),
  };
  return changeEndpoint(request, id, 'update', async () => ({ data, audit: data }));
}

export const pauseWebhookEndpoint = (request: AuthRequest, id: string) =>
  changeEndpoint(request, id, 'pause', async () => ({ data: { status: 'PAUSED' } }));

/** Active again, paused or disabled before; its failure count starts afresh. */
export const resumeWebhookEndpoint = (request: AuthRequest, id: string) =>
  changeEndpoint(request, id, 'resume', async (_tx, endpoint) => ({
    data: { status: 'ACTIVE', disabledReason: null, consecutiveFailures: 0 },
    audit: { from: endpoint.status },
  }));

export async function rotateWebhookEndpointSecret(
  request: AuthRequest,
  runtime: WebhookRuntime,
  id: string,
): Promise<CreatedWebhookEndpoint> {
  const secret = newWebhookSecret();
  const endpoint = await changeEndpoint(request, id, 'rotate_secret', async (_tx, current) => ({
    data: {
      secretEncrypted: encryptSecret(runtime.secretKey, secret),
      previousSecretEncrypted: current.secretEncrypted,
      previousSecretExpiresAt: new Date(Date.now() + rotationOverlapMs),
    },
  }));
  return { endpoint, secret };
}

/** Deletes the endpoint with its deliveries and attempts (a queued delivery then finds nothing and ends). */
export async function deleteWebhookEndpoint(request: AuthRequest, id: string): Promise<string> {
  requireIdentity(request.identity);
  return withScope(request.db, request.dataScope, async (tx) => {
    const endpoint = await findById(tx.webhookEndpoint, id, 'Webhook endpoint');
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await auditRow(tx, request, 'webhook_endpoint.delete', entity, endpoint, { url: endpoint.url });
    return endpoint.id;
  });
}

export const listWebhookEndpoints = (request: AuthRequest, args: PageArgs & { tenantId?: string | null }) =>
  loadTenantPage(request, args, request.db.webhookEndpoint);

/** One endpoint in the caller's scope, or null. */
export async function findWebhookEndpoint(request: AuthRequest, id: string): Promise<WebhookEndpoint | null> {
  requireIdentity(request.identity);
  return isUuid(id) ? request.db.webhookEndpoint.findFirst({ where: { id: id.toLowerCase() } }) : null;
}
