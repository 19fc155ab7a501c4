import { badInput } from '@codex/kit';
import { changeContentItem } from './content-item-changes.ts';
import type { ContentStatus } from './db.ts';
import type { CmsRequest } from './request.ts';

interface Transition {
  verb: string;
  from: ContentStatus[];
  to: ContentStatus;
  /** The publication time after the move: now, none, or the one it had. */
  publishedAt: 'now' | 'none' | 'keep';
}

/** The editorial workflow: DRAFT ⇄ PUBLISHED, either → ARCHIVED, ARCHIVED → DRAFT. Nothing else. */
const transitions = {
  publish: { verb: 'publish', from: ['DRAFT'], to: 'PUBLISHED', publishedAt: 'now' },
  unpublish: { verb: 'unpublish', from: ['PUBLISHED'], to: 'DRAFT', publishedAt: 'none' },
  archive: { verb: 'archive', from: ['DRAFT', 'PUBLISHED'], to: 'ARCHIVED', publishedAt: 'keep' },
  restore: { verb: 'restore', from: ['ARCHIVED'], to: 'DRAFT', publishedAt: 'none' },
} satisfies Record<string, Transition>;

/** Moves an item along the workflow; an illegal move is BAD_USER_INPUT on `id` naming both states. */
function moveContentItem(request: CmsRequest, id: string, transition: Transition) {
  return changeContentItem(request, id, `content_item.${transition.verb}`, async (_tx, item) => {
    if (!transition.from.includes(item.status)) {
      throw badInput(
        `Cannot ${transition.verb} a content item that is ${item.status}: only ${transition.from.join(' or ')} items can move to ${transition.to}`,
        'id',
      );
    }
    const publishedAt = { now: new Date(), none: null, keep: item.publishedAt }[transition.publishedAt];
    return {
      data: { status: transition.to, publishedAt },
      audit: { from: item.status, to: transition.to },
      content: false,
    };
  });
}

export const publishContentItem = (request: CmsRequest, id: string) =>
  moveContentItem(request, id, transitions.publish);
export const unpublishContentItem = (request: CmsRequest, id: string) =>
  moveContentItem(request, id, transitions.unpublish);
export const archiveContentItem = (request: CmsRequest, id: string) =>
  moveContentItem(request, id, transitions.archive);
export const restoreContentItem = (request: CmsRequest, id: string) =>
  moveContentItem(request, id, transitions.restore);
