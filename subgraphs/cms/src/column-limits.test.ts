import { itBoundsTextByItsColumn, staysInRange, type TextColumn } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits, intRange } from './generated/column-limits.ts';
import { columnText } from './limits.ts';
import { mimeTypeSchema } from './media-content.ts';
import { sortOrderSchema } from './page-tree.ts';

const { ContentType, ContentItem, ContentRevision, MediaFile, Page } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns: TextColumn[] = [
  ['ContentType.slug', columnText.contentTypeSlug, ContentType.slug],
  ['ContentType.name', columnText.contentTypeName, ContentType.name],
  ['ContentType.description', columnText.contentTypeDescription, ContentType.description],
  ['ContentItem.title', columnText.itemTitle, ContentItem.title],
  ['ContentItem.slug', columnText.itemSlug, ContentItem.slug],
  ['MediaFile.name', columnText.mediaName, MediaFile.name],
  ['MediaFile.altText', columnText.mediaAltText, MediaFile.altText],
  ['MediaFile.caption', columnText.mediaCaption, MediaFile.caption],
  ['MediaFile.mimeType', mimeTypeSchema, MediaFile.mimeType],
  ['MediaFile.mimeType (filter prefix)', columnText.mimeTypePrefix, MediaFile.mimeType],
  ['Page.title', columnText.pageTitle, Page.title],
  ['Page.slug', columnText.pageSlug, Page.slug],
  ['Page.template', columnText.pageTemplate, Page.template],
  ['Page.seoTitle', columnText.seoTitle, Page.seoTitle],
  ['Page.seoDescription', columnText.seoDescription, Page.seoDescription],
  ['Page.seoKeywords', columnText.seoKeyword, Page.seoKeywords],
  ['Page.ogImageUrl', columnText.ogImageUrl, Page.ogImageUrl],
  ['Page.canonicalUrl', columnText.canonicalUrl, Page.canonicalUrl],
];

describe('CMS inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(textColumns);

  it('a revision copies an item’s title and slug, so its columns hold as much', () => {
    expect(ContentRevision.title).toBe(ContentItem.title);
    expect(ContentRevision.slug).toBe(ContentItem.slug);
  });

  it('a template name may fill its column', () => {
    expect(columnText.pageTemplate.safeParse('a'.repeat(Page.template)).success).toBe(true);
  });

  it('sort orders stay inside the integer column', () => {
    expect(staysInRange(sortOrderSchema, intRange.Page.sortOrder)).toBe(true);
  });
});
