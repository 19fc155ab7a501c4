import type { WebhookDeliveryResolvers } from '../generated/graphql.ts';

/** The row's `attempts` is a count; the API's `attempts` lists them (batched per request). */
export const WebhookDelivery: WebhookDeliveryResolvers = {
  attemptCount: (delivery) => delivery.attempts,
  attempts: (delivery, _args, context) => context.loaders.webhookAttempts.load(delivery.id),
};
