import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSignedInUser } from '../auth/session-context.ts';
import type { PageNodeFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApiForm } from '../ui/use-api-form.ts';
import { useSlugFrom } from './use-slug-from.ts';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { createPageMutation, pagesTreeQuery, updatePageStatusMutation } from './page-operations.ts';
import { emptyPageForm, pageFormSchema } from './page-form.ts';
import { flattenTree, type PageTreeNode, pageTree } from './page-tree.ts';

function NewPageForm({ pages, onDone }: { pages: readonly PageNodeFragment[]; onDone: () => void }) {
  const toast = useToast();
  const [createPage] = useMutation(createPageMutation);
  const { form, panel } = useApiForm({
    schema: pageFormSchema,
    defaultValues: emptyPageForm,
    fields: ['title', 'slug', 'parentId', 'status'],
    save: async (values) => {
      await createPage({
        variables: {
          input: { title: values.title, slug: values.slug, status: values.status, parentId: values.parentId || null },
        },
        update: (cache, { data }) => {
          if (data) appendToConnection(cache, 'pages', data.createPage, 'PageEdge', 'start');
        },
      });
      toast(`Page ${values.title} created`);
      onDone();
    },
  });
  useSlugFrom(form, 'title', 'slug');
  const parents = [
    { value: '', label: 'Top level' },
    ...flattenTree(pageTree(pages)).map((node) => ({
      value: node.page.id,
      label: `${'— '.repeat(node.depth)}${node.page.title}`,
    })),
  ];
  return (
    <FormPanel title="New page" submitLabel="Create page" {...panel} onCancel={onDone}>
      <TextField form={form} name="title" label="Title" />
      <TextField form={form} name="slug" label="Slug" hint="Unique in your tenant" />
      <SelectField form={form} name="parentId" label="Parent page" options={parents} />
      <SelectField
        form={form}
        name="status"
        label="Status"
        options={[
          { value: 'DRAFT', label: 'Draft' },
          { value: 'PUBLISHED', label: 'Published' },
        ]}
      />
    </FormPanel>
  );
}

function TreeRows({ nodes, canEdit }: { nodes: PageTreeNode<PageNodeFragment>[]; canEdit: boolean }) {
  const toast = useToast();
  const [setStatus] = useMutation(updatePageStatusMutation);
  const toggle = (page: PageNodeFragment) => {
    const status = page.status === 'PUBLISHED' ? 'DRAFT' : 'PUBLISHED';
    void setStatus({
      variables: { id: page.id, status },
      optimisticResponse: { __typename: 'Mutation', updatePage: { ...page, status } },
    }).then(
      () => toast(`${page.title} is now ${enumLabel(status).toLowerCase()}`),
      (error: Error) => toast(`Not saved: ${error.message}`, 'error'),
    );
  };
  return (
    <ul className="space-y-1">
      {nodes.map((node) => (
        <li key={node.page.id}>
          <div className="flex items-center justify-between rounded-md border border-slate-200 bg-white px-3 py-2">
            <span>
              <span className="font-medium text-slate-900">{node.page.title}</span>{' '}
              <code className="text-xs text-slate-600">/{node.page.slug}</code>{' '}
              <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                {enumLabel(node.page.status)}
              </span>
            </span>
            {canEdit && node.page.status !== 'ARCHIVED' && (
              <Button
                variant="secondary"
                aria-label={`${node.page.status === 'PUBLISHED' ? 'Unpublish' : 'Publish'} ${node.page.title}`}
                onClick={() => toggle(node.page)}
              >
                {node.page.status === 'PUBLISHED' ? 'Unpublish' : 'Publish'}
              </Button>
            )}
          </div>
          {node.children.length > 0 && (
            <div className="mt-1 ml-6 border-l-2 border-slate-200 pl-3">
              <TreeRows nodes={node.children} canEdit={canEdit} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The site's page tree; ADMINs create pages and publish or unpublish them. */
export function PagesPage() {
  const user = useSignedInUser();
  const canEdit = user.role === 'ADMIN';
  const { data, loading, error } = useQuery(pagesTreeQuery);
  const [creating, setCreating] = useState(false);
  const pages = data?.pages.edges.map((edge) => edge.node) ?? [];
  return (
    <section>
      <PageHeader
        title="Pages"
        description="The site's page tree, in sibling order."
        actions={canEdit && <Button onClick={() => setCreating(true)}>New page</Button>}
      />
      {error && <ErrorBanner error={error} />}
      {creating && <NewPageForm pages={pages} onDone={() => setCreating(false)} />}
      {!data && loading && <LoadingState label="Loading pages…" />}
      {data && pages.length === 0 && <EmptyState title="No pages yet" />}
      {pages.length > 0 && (
        <nav aria-label="Page tree">
          <TreeRows nodes={pageTree(pages)} canEdit={canEdit} />
        </nav>
      )}
    </section>
  );
}
