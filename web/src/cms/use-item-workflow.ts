import { useMutation } from '@apollo/client/react';
import type { ContentItemRowFragment } from '../generated/operations.ts';
import { useToast } from '../ui/Toast.tsx';
import {
  archiveContentItemMutation,
  publishContentItemMutation,
  restoreContentItemMutation,
  unpublishContentItemMutation,
} from './content-item-operations.ts';
import { statusAfter, type WorkflowAction } from './item-data.ts';

const done: Record<WorkflowAction, string> = {
  publish: 'published',
  unpublish: 'unpublished',
  archive: 'archived',
  restore: 'restored as a draft',
};

/** Publish, unpublish, archive and restore, each shown at once (optimistically) and undone if refused. */
export function useItemWorkflow() {
  const toast = useToast();
  const [publish] = useMutation(publishContentItemMutation);
  const [unpublish] = useMutation(unpublishContentItemMutation);
  const [archive] = useMutation(archiveContentItemMutation);
  const [restore] = useMutation(restoreContentItemMutation);
  return (item: ContentItemRowFragment, action: WorkflowAction) => {
    const optimistic = {
      ...item,
      status: statusAfter[action],
      publishedAt: action === 'publish' ? new Date().toISOString() : action === 'archive' ? item.publishedAt : null,
    };
    const variables = { id: item.id };
    const run =
      action === 'publish'
        ? publish({ variables, optimisticResponse: { __typename: 'Mutation', publishContentItem: optimistic } })
        : action === 'unpublish'
          ? unpublish({ variables, optimisticResponse: { __typename: 'Mutation', unpublishContentItem: optimistic } })
          : action === 'archive'
            ? archive({ variables, optimisticResponse: { __typename: 'Mutation', archiveContentItem: optimistic } })
            : restore({ variables, optimisticResponse: { __typename: 'Mutation', restoreContentItem: optimistic } });
    return run.then(
      () => toast(`“${item.title}” ${done[action]}`),
      (error: Error) => toast(`Not saved: ${error.message}`, 'error'),
    );
  };
}
