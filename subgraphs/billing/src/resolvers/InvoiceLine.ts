import type { InvoiceLineResolvers } from '../generated/graphql.ts';

export const InvoiceLine: InvoiceLineResolvers = {
  billableMetric: (line, _args, context) =>
    line.billableMetricId ? context.loaders.billableMetricById.load(line.billableMetricId) : null,
  details: (line) => (line.details as Record<string, unknown> | null) ?? null,
};
