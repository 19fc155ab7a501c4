import { idSchema, inputSchema, textSchema } from '@codex/kit';
import { z } from 'zod';
import type { Prisma } from './db.ts';
import type { CreateDashboardInput, DashboardFilter, UpdateDashboardInput } from './generated/graphql.ts';
import { widgetQueryIssues, widgetTypes } from './insights/widget-results.ts';
import { analyticsLimits, columnText } from './limits.ts';

const { text, json, widgetsPerDashboard } = analyticsLimits;

/** Fields an update may leave out but not clear: null is refused like any other wrong value. */
const notNull = <S extends z.ZodType>(schema: S) =>
  schema
    .nullish()
    .refine((value) => value !== null, 'must not be null')
    .transform((value) => value ?? undefined);

/**
 * A widget: what it shows (`type`, `metric`, `title`) and its `query` (checked against its type's
 * input); further settings (granularity, dimensions…) are kept as sent.
 */
const widgetInput = z
  .record(z.string(), z.unknown())
  .refine((widget) => JSON.stringify(widget).length <= json.widget, `must be at most ${json.widget / 1024} KB of JSON`)
  .pipe(
    z.looseObject({
      type: z.enum(widgetTypes, { message: `must be one of ${widgetTypes.join(', ')}` }),
      metric: z
        .string()
        .max(text.metric, `must be at most ${text.metric} characters`)
        .trim()
        .regex(/^[a-z][a-z0-9_.:-]{0,99}$/, 'must be a metric name like "events.count"'),
      title: textSchema(text.widgetTitle, { min: 1 }),
    }),
  )
  .superRefine((widget, context) => {
    for (const issue of widgetQueryIssues(widget.type, widget.query, new Date()))
      context.addIssue({ code: 'custom', message: issue.message, path: ['query', ...issue.path] });
  });

/** Widgets come from the JSONObject scalar, so they hold JSON values only: safe to store as JSON. */
const widgetsInput = z
  .array(widgetInput)
  .max(widgetsPerDashboard, `must have at most ${widgetsPerDashboard} widgets`)
  .transform((widgets) => widgets as Prisma.InputJsonObject[]);
const { dashboardName: nameInput, dashboardDescription: descriptionInput } = columnText;

export const createDashboardInput = inputSchema<CreateDashboardInput>()(
  z.object({
    name: nameInput,
    description: descriptionInput.nullish(),
    widgets: widgetsInput.nullish(),
    isPublic: z.boolean().nullish(),
    tenantId: textSchema(text.tenantId, { trim: false }).nullish(),
  }),
);

/** Omitted fields stay; only `description` may be cleared with null. */
export const updateDashboardInput = inputSchema<UpdateDashboardInput>()(
  z.object({
    name: notNull(nameInput),
    description: descriptionInput.nullish(),
    widgets: notNull(widgetsInput),
    isPublic: notNull(z.boolean()),
  }),
);

export const dashboardFilterInput = inputSchema<DashboardFilter>()(
  z.object({
    isPublic: z.boolean().nullish(),
    createdById: idSchema.nullish(),
    name: columnText.dashboardNameFilter.nullish(),
  }),
).nullish();
