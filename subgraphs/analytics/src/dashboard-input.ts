import { idSchema, nameSchema } from '@codex/kit';
import { z } from 'zod';
import type { Prisma } from './db.ts';

export const widgetTypes = ['number', 'timeseries', 'bar', 'line', 'pie', 'table', 'funnel'] as const;

/** A widget: what it shows (`type`, `metric`, `title`); further settings (granularity, dimensions…) are kept as sent. */
const widgetInput = z
  .looseObject({
    type: z.enum(widgetTypes, { message: `must be one of ${widgetTypes.join(', ')}` }),
    metric: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_.:-]{0,99}$/, 'must be a metric name like "events.count"'),
    title: nameSchema,
  })
  .refine((widget) => JSON.stringify(widget).length <= 8 * 1024, 'must be at most 8 KB of JSON');

/** Widgets come from the JSONObject scalar, so they hold JSON values only: safe to store as JSON. */
const widgetsInput = z
  .array(widgetInput)
  .max(50, 'must have at most 50 widgets')
  .transform((widgets) => widgets as Prisma.InputJsonObject[]);
const descriptionInput = z.string().trim().max(2000, 'must be at most 2000 characters');

export const createDashboardInput = z.object({
  name: nameSchema,
  description: descriptionInput.nullish(),
  widgets: widgetsInput.nullish(),
  isPublic: z.boolean().nullish(),
  tenantId: z.string().nullish(),
});

/** Omitted fields stay; only `description` may be cleared with null. */
export const updateDashboardInput = z.object({
  name: nameSchema.optional(),
  description: descriptionInput.nullish(),
  widgets: widgetsInput.optional(),
  isPublic: z.boolean().optional(),
});

export const dashboardFilterInput = z
  .object({
    isPublic: z.boolean().nullish(),
    createdById: idSchema.nullish(),
    name: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  })
  .nullish();
