import { nameSchema, slugSchema, textSchema } from '@codex/kit';
import { z } from 'zod';
import { columnLimits } from './generated/column-limits.ts';

/**
 * The bounds this service puts on its inputs that no column states: content-type field settings
 * and item data (JSON), search text, list and JSON sizes. Text that lands in a column is bounded by
 * the column (`columnText` below, from the generated `columnLimits`).
 */
export const cmsLimits = {
  /** Text lengths, in characters. */
  text: {
    tenantId: 64,
    fieldName: 200,
    fieldLabel: 200,
    fieldDescription: 1000,
    fieldOption: 200,
    search: 200,
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
  /** Stricter than the integer column on purpose: room to insert between siblings, never near overflow. */
  sortOrder: 1_000_000,
} as const;

const { ContentType, ContentItem, MediaFile, Page } = columnLimits;

const httpUrl = (max: number) => textSchema(max).pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));

/** Text inputs that land in a column, each bounded by that column's length. */
export const columnText = {
  contentTypeSlug: slugSchema(ContentType.slug),
  contentTypeName: nameSchema(ContentType.name),
  contentTypeDescription: textSchema(ContentType.description),
  itemTitle: nameSchema(ContentItem.title),
  itemSlug: slugSchema(ContentItem.slug),
  mediaName: nameSchema(MediaFile.name),
  mediaAltText: textSchema(MediaFile.altText),
  mediaCaption: textSchema(MediaFile.caption),
  /** Filters by a prefix of the column. */
  mimeTypePrefix: textSchema(MediaFile.mimeType),
  pageTitle: nameSchema(Page.title),
  pageSlug: slugSchema(Page.slug),
  pageTemplate: textSchema(Page.template).pipe(
    z
      .string()
      .regex(
        new RegExp(`^[a-z0-9][a-z0-9_-]{0,${Page.template - 1}}$`),
        'must be a template name: lower-case letters, digits, - and _',
      ),
  ),
  seoTitle: textSchema(Page.seoTitle),
  seoDescription: textSchema(Page.seoDescription),
  seoKeyword: textSchema(Page.seoKeywords, { min: 1 }),
  ogImageUrl: httpUrl(Page.ogImageUrl),
  canonicalUrl: httpUrl(Page.canonicalUrl),
};

/** The search text of a list's filter. */
export const searchSchema = textSchema(cmsLimits.text.search).nullish();

/** The publication status content items and pages share (`ContentStatus`). */
export const contentStatusSchema = z.enum(['DRAFT', 'PUBLISHED', 'ARCHIVED']);
