import { useMutation } from '@apollo/client/react';
import type { PageNodeFragment } from '../generated/operations.ts';
import { dropFromConnection } from '../ui/connection-cache.ts';
import { enumLabel } from '../ui/format.ts';
import { useToast } from '../ui/Toast.tsx';
import { useFocusAfterChange } from '../ui/use-focus-after-change.ts';
import { useConfirmedDelete } from '../ui/use-confirmed-delete.tsx';
import { deletePageMutation, movePageMutation, updatePageStatusMutation } from './page-operations.ts';
import { moveAmongSiblings, moveIntoPrevious, moveOutOfParent, type PageMove } from './page-moves.ts';

export type PageMoveKind = 'up' | 'down' | 'in' | 'out';

const movesFor: Record<PageMoveKind, (pages: readonly PageNodeFragment[], id: string) => PageMove[]> = {
  up: (pages, id) => moveAmongSiblings(pages, id, -1),
  down: (pages, id) => moveAmongSiblings(pages, id, 1),
  in: moveIntoPrevious,
  out: moveOutOfParent,
};

/** The id a page row's move button carries, so focus can follow the page to its new place. */
export const moveButtonId = (pageId: string, kind: PageMoveKind) => `page-${pageId}-${kind}`;

/** What an ADMIN does to a page of the tree: publish, move (optimistically, in place) and delete. */
export function usePageActions(pages: readonly PageNodeFragment[]) {
  const toast = useToast();
  const [setStatus] = useMutation(updatePageStatusMutation);
  const [movePage] = useMutation(movePageMutation);
  const [deletePage] = useMutation(deletePageMutation);
  const focusAfterMove = useFocusAfterChange(pages);
  const failed = (error: Error) => toast(`Not saved: ${error.message}`, 'error');
  const toggle = (page: PageNodeFragment) => {
    const status = page.status === 'PUBLISHED' ? 'DRAFT' : 'PUBLISHED';
    void setStatus({
      variables: { id: page.id, status },
      optimisticResponse: { __typename: 'Mutation', updatePage: { ...page, status } },
    }).then(() => toast(`${page.title} is now ${enumLabel(status).toLowerCase()}`), failed);
  };
  const move = (page: PageNodeFragment, kind: PageMoveKind) => {
    focusAfterMove(moveButtonId(page.id, kind));
    const moves = movesFor[kind](pages, page.id);
    const byId = new Map(pages.map((candidate) => [candidate.id, candidate]));
    void Promise.all(
      moves.map(({ id, parentId, sortOrder }) =>
        movePage({
          variables: { id, parentId, sortOrder },
          optimisticResponse: {
            __typename: 'Mutation',
            movePage: { ...(byId.get(id) ?? page), parentId, sortOrder },
          },
        }),
      ),
    ).then(() => toast(`${page.title} moved`), failed);
  };
  const deletion = useConfirmedDelete<PageNodeFragment>({
    noun: 'page',
    name: (page) => page.title,
    consequence: 'Only a page without child pages can be deleted. This cannot be undone.',
    remove: (page) =>
      deletePage({
        variables: { id: page.id },
        optimisticResponse: { __typename: 'Mutation', deletePage: page.id },
        update: (cache) => dropFromConnection(cache, 'pages', page),
      }),
  });
  return { toggle, move, remove: deletion.ask, feedback: deletion.feedback };
}
