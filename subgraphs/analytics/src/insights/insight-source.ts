import { dateTimeSchema, narrowerScope, parseInput, textSchema, withReadScope, type DataScope } from '@codex/kit';
import { z } from 'zod';
import { columnLimits } from '../generated/column-limits.ts';
import type { AnalyticsDatabase } from '../db.ts';
import type { RowReader } from '../metric-series.ts';
import type { AnalyticsRequest } from '../request.ts';
import { insightTenant } from './event-scope.ts';

/** One tenant's events, read in a read session under that tenant's row-level security. */
export interface InsightSource {
  tenantId: string;
  rows: RowReader;
}

/**
 * Reads of `tenantId` on `db`, narrowed by `scope` (what the caller may see): a tenant outside
 * the caller's scope reads nothing, whatever id is passed.
 */
export const tenantSource = (db: AnalyticsDatabase, scope: DataScope, tenantId: string): InsightSource => ({
  tenantId,
  rows: (sql, params) =>
    withReadScope(db, narrowerScope(scope, { kind: 'tenant', tenantId }), (tx) => tx.$queryRawUnsafe(sql, ...params)),
});

/** The tenant an insight reads (see `insightTenant`), within what the caller may see. */
export const requestSource = (request: AnalyticsRequest, given: string | null | undefined): InsightSource =>
  tenantSource(request.db, request.dataScope, insightTenant(request, given));

/** The insight limits: each refusal names its limit (`BAD_USER_INPUT`). */
export const insightLimits = {
  periodDays: 92,
  pathsPeriodDays: 31,
  funnelSteps: 10,
  conversionWindowSeconds: 31 * 86_400,
  breakdownValues: 50,
  retentionPeriods: { DAY: 31, WEEK: 26 },
  pathDepth: 3,
  paths: 50,
} as const;

const dayMs = 86_400_000;

/** An event name as stored: longer text could never match. */
export const eventNameSchema = textSchema(columnLimits.Event.name, { min: 1, trim: false });

/** `from` and `to` with `to` after `from` and at most `maxDays` later (the period limit). */
export const periodSchema = (maxDays: number) =>
  z
    .object({ from: dateTimeSchema, to: dateTimeSchema })
    .refine((period) => period.to.getTime() > period.from.getTime(), { message: 'must be after from', path: ['to'] })
    .refine((period) => period.to.getTime() - period.from.getTime() <= maxDays * dayMs, {
      message: `period limit: at most ${maxDays} days after from`,
      path: ['to'],
    });

/** A whole number in [min, max]; the message names the limit. */
export const limitedInt = (min: number, max: number, limit: string) =>
  z
    .number()
    .int(`${limit} limit: must be a whole number`)
    .min(min, `${limit} limit: at least ${min}`)
    .max(max, `${limit} limit: at most ${max}`);

/**
 * A stored widget query's period: `from`/`to` as given, else the `lastDays` (default 30, at most
 * the period limit) ending `now`, so a dashboard keeps showing recent data.
 */
export function relativePeriod(query: unknown, now: Date): unknown {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return query;
  const { lastDays = 30, ...rest } = query as Record<string, unknown>;
  if ('from' in rest || 'to' in rest) return rest;
  const days = typeof lastDays === 'number' && lastDays > 0 && lastDays <= 366 ? lastDays : 30;
  return { ...rest, from: new Date(now.getTime() - days * dayMs), to: now };
}

/** A root insight field: its `input` parsed by `schema`, computed over the caller's (or named) tenant. */
export const insightField =
  <S extends z.ZodType, R>(schema: S, compute: (source: InsightSource, query: z.output<S>) => Promise<R>) =>
  (request: AnalyticsRequest, args: { input: unknown; tenantId?: string | null }): Promise<R> =>
    compute(requestSource(request, args.tenantId), parseInput(schema, args.input, 'input'));
