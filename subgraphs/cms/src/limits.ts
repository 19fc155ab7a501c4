import { z } from 'zod';

/**
 * Every bound this service puts on its inputs, in one place (the generated column limits of the
 * Prisma schema can replace the text lengths here).
 */
export const cmsLimits = {
  /** Text lengths, in characters. */
  text: {
    tenantId: 64,
    contentTypeDescription: 2000,
    fieldName: 200,
    fieldLabel: 200,
    fieldDescription: 1000,
    fieldOption: 200,
    itemTitle: 300,
    search: 200,
    mimeType: 100,
    mediaText: 1000,
    pageTitle: 300,
    template: 64,
    seoTitle: 200,
    seoDescription: 500,
    seoKeyword: 100,
    url: 2048,
    /** Item data values of a field without its own `maxLength`. */
    TEXT: 10_000,
    RICH_TEXT: 100_000,
    EMAIL: 320,
    URL: 2048,
  },
  /** JSON sizes, in characters of their serialisation. */
  json: { itemData: 256 * 1024, itemSeo: 16 * 1024, block: 64 * 1024, blocks: 256 * 1024 },
  fieldsPerType: 100,
  optionsPerField: 200,
  maxLength: 1_000_000,
  blocksPerPage: 200,
  seoKeywords: 50,
  sortOrder: 1_000_000,
} as const;

/** The instants we store (or keep in item data): every later read can still print them as DateTime. */
export const storableDates = {
  earliest: new Date('1900-01-01T00:00:00.000Z'),
  latest: new Date('9999-12-31T23:59:59.999Z'),
} as const;

export const isStorableDate = (date: Date) =>
  !Number.isNaN(date.getTime()) &&
  date.getTime() >= storableDates.earliest.getTime() &&
  date.getTime() <= storableDates.latest.getTime();

export const storableDateMessage = 'must be between 1900-01-01 and 9999-12-31T23:59:59.999Z';

/** Text without U+0000 (PostgreSQL text cannot hold it), at most `max` characters, trimmed. */
export const boundedText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .transform((value) => value.trim());

/** Trimmed text of 1 to `max` characters. */
export const requiredText = (max: number) => boundedText(max).refine((value) => value.length > 0, 'must not be empty');
