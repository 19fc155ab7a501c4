import { isUuid } from '@codex/kit';
import type { PlanResolvers } from '../generated/graphql.ts';

export const Plan: PlanResolvers = {
  // Shield does not guard reference resolution: the loader's database is scoped to the caller.
  __resolveReference: (reference, context) =>
    isUuid(reference.id) ? context.loaders.planById.load(reference.id) : null,
  features: (plan) => plan.features as Record<string, unknown>,
  charges: (plan, _args, context) => context.loaders.chargesOfPlan.load(plan.id),
};
