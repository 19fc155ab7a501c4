import type { WidgetResultResolvers } from '../generated/graphql.ts';

export const WidgetResult: WidgetResultResolvers = {
  // Computed only when asked for: a dashboard list need not run every widget's query.
  result: (widget) => widget.result(),
};
