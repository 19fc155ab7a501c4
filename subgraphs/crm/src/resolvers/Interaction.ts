import { referenceNamedBy } from '@codex/kit';
import type { InteractionResolvers } from '../generated/graphql.ts';
import { loadById } from '../loaders.ts';

export const Interaction: InteractionResolvers = {
  __resolveReference: (reference, context) => loadById(context.loaders.interactionById, reference.id),
  user: (interaction) => referenceNamedBy('User', interaction, interaction.userId),
  customer: (interaction, _args, context) =>
    interaction.customerId ? context.loaders.customerById.load(interaction.customerId) : null,
  lead: (interaction, _args, context) =>
    interaction.leadId ? context.loaders.leadById.load(interaction.leadId) : null,
};
