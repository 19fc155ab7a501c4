import { itBoundsTextByItsColumn, staysInRange } from '@codex/kit/column-fit.test-support';
import { describe, expect, it } from 'vitest';
import { columnLimits, intRange } from './generated/column-limits.ts';
import { columnText } from './limits.ts';
import { mimeTypeSchema } from './media-content.ts';
import { sortOrderSchema } from './page-tree.ts';

const { ContentItem, ContentRevision, Page } = columnLimits;

/** Every text an input writes, with the column it lands in. */
const textColumns = {
  'ContentType.slug': columnText.contentTypeSlug,
  'ContentType.name': columnText.contentTypeName,
  'ContentType.description': columnText.contentTypeDescription,
  'ContentItem.title': columnText.itemTitle,
  'ContentItem.slug': columnText.itemSlug,
  'MediaFile.name': columnText.mediaName,
  'MediaFile.altText': columnText.mediaAltText,
  'MediaFile.caption': columnText.mediaCaption,
  'MediaFile.mimeType': mimeTypeSchema,
  'MediaFile.mimeType (filter prefix)': columnText.mimeTypePrefix,
  'Page.title': columnText.pageTitle,
  'Page.slug': columnText.pageSlug,
  'Page.template': columnText.pageTemplate,
  'Page.seoTitle': columnText.seoTitle,
  'Page.seoDescription': columnText.seoDescription,
  'Page.seoKeywords': columnText.seoKeyword,
  'Page.ogImageUrl': columnText.ogImageUrl,
  'Page.canonicalUrl': columnText.canonicalUrl,
};

describe('CMS inputs take their limits from the Prisma columns', () => {
  itBoundsTextByItsColumn(columnLimits, textColumns);

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
