import { z } from 'zod';
import type { CreateDashboardInput } from '../generated/operations.ts';
import { widgetTypes } from './series-window.ts';
import { widgetJson } from './widget-form.ts';

/** Analytics' limits (prisma/analytics, subgraphs/analytics/src/limits.ts), checked before sending. */
export const dashboardLimits = { name: 200, description: 2000, widgetTitle: 200, eventName: 200 } as const;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

/** A new dashboard with its first widget: a chart of events (of one name, or all) per hour or day. */
/** A dashboard's name, description and visibility. */
export const dashboardDetailsSchema = z.object({
  name: text(dashboardLimits.name).min(1, 'Required'),
  description: text(dashboardLimits.description),
  isPublic: z.boolean(),
});
export type DashboardDetailsValues = z.input<typeof dashboardDetailsSchema>;

export const dashboardFormSchema = dashboardDetailsSchema.extend({
  widgetTitle: text(dashboardLimits.widgetTitle).min(1, 'Required'),
  widgetType: z.enum(widgetTypes),
  granularity: z.enum(['HOUR', 'DAY']),
  eventName: text(dashboardLimits.eventName),
});

export type DashboardFormValues = z.input<typeof dashboardFormSchema>;

export const emptyDashboardForm: DashboardFormValues = {
  name: '',
  description: '',
  isPublic: false,
  widgetTitle: 'Events per day',
  widgetType: 'timeseries',
  granularity: 'DAY',
  eventName: '',
};

export const dashboardInput = (values: z.output<typeof dashboardFormSchema>): CreateDashboardInput => ({
  name: values.name,
  ...(values.description ? { description: values.description } : {}),
  isPublic: values.isPublic,
  widgets: [
    widgetJson({
      title: values.widgetTitle,
      type: values.widgetType,
      granularity: values.granularity,
      eventName: values.eventName,
      interval: values.granularity,
      breakdown: '',
      lastDays: 30,
    }),
  ],
});
