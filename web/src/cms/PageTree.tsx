import type { PageNodeFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { enumLabel } from '../ui/format.ts';
import { MoveButton } from '../ui/MoveButton.tsx';
import type { PageTreeNode } from './page-tree.ts';
import { moveButtonId, type PageMoveKind, type usePageActions } from './use-page-actions.tsx';

type PageActions = ReturnType<typeof usePageActions>;

interface RowPlace {
  first: boolean;
  last: boolean;
  nested: boolean;
}

const moveLabels: Record<PageMoveKind, { symbol: string; label: string }> = {
  up: { symbol: '↑', label: 'up' },
  down: { symbol: '↓', label: 'down' },
  in: { symbol: '→', label: 'into the page above' },
  out: { symbol: '←', label: 'out of its parent page' },
};

function PageMove({
  page,
  kind,
  possible,
  actions,
}: {
  page: PageNodeFragment;
  kind: PageMoveKind;
  possible: boolean;
  actions: PageActions;
}) {
  const { symbol, label } = moveLabels[kind];
  return (
    <MoveButton
      id={moveButtonId(page.id, kind)}
      label={`Move ${page.title} ${label}`}
      symbol={symbol}
      possible={possible}
      onMove={() => actions.move(page, kind)}
    />
  );
}

function RowActions({ page, place, actions }: { page: PageNodeFragment; place: RowPlace; actions: PageActions }) {
  const published = page.status === 'PUBLISHED';
  return (
    <span className="flex shrink-0 flex-wrap items-center gap-1">
      {page.status !== 'ARCHIVED' && (
        <Button
          variant="secondary"
          className="px-2 py-0.5"
          aria-label={`${published ? 'Unpublish' : 'Publish'} ${page.title}`}
          onClick={() => actions.toggle(page)}
        >
          {published ? 'Unpublish' : 'Publish'}
        </Button>
      )}
      <PageMove page={page} kind="up" possible={!place.first} actions={actions} />
      <PageMove page={page} kind="down" possible={!place.last} actions={actions} />
      <PageMove page={page} kind="in" possible={!place.first} actions={actions} />
      <PageMove page={page} kind="out" possible={place.nested} actions={actions} />
      <Button
        variant="dangerQuiet"
        className="px-2 py-0.5"
        aria-label={`Delete ${page.title}`}
        onClick={() => actions.remove(page)}
      >
        Delete
      </Button>
    </span>
  );
}

/** The page tree as nested lists; with `actions` (ADMIN) each page can be published, moved and deleted. */
export function PageTreeRows({ nodes, actions }: { nodes: PageTreeNode<PageNodeFragment>[]; actions?: PageActions }) {
  return (
    <ul className="space-y-1">
      {nodes.map((node, index) => (
        <li key={node.page.id}>
          <div className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
            <span className="min-w-0">
              <span className="font-medium text-slate-900">{node.page.title}</span>{' '}
              <code className="text-xs text-slate-600">/{node.page.slug}</code>{' '}
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                {enumLabel(node.page.status)}
              </span>
            </span>
            {actions && (
              <RowActions
                page={node.page}
                place={{ first: index === 0, last: index === nodes.length - 1, nested: node.depth > 0 }}
                actions={actions}
              />
            )}
          </div>
          {node.children.length > 0 && (
            <div className="mt-1 ml-6 border-l-2 border-slate-200 pl-3">
              <PageTreeRows nodes={node.children} actions={actions} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
