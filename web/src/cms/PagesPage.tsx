import type { ErrorLike } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { useSignedInUser } from '../auth/session-context.ts';
import type { PageNodeFragment } from '../generated/operations.ts';
import type { ApiErrorLine } from '../ui/api-errors.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { enumLabel } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { placeServerErrors } from '../ui/server-errors.ts';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { slugFrom } from './content-type-form.ts';
import { createPageMutation, pagesTreeQuery, updatePageStatusMutation } from './page-operations.ts';
import { emptyPageForm, type PageFormValues, pageFormSchema } from './page-form.ts';
import { flattenTree, type PageTreeNode, pageTree } from './page-tree.ts';

function NewPageForm({ pages, onDone }: { pages: readonly PageNodeFragment[]; onDone: () => void }) {
  const toast = useToast();
  const [createPage] = useMutation(createPageMutation);
  const form = useForm<PageFormValues, unknown, z.output<typeof pageFormSchema>>({
    resolver: zodResolver(pageFormSchema),
    defaultValues: emptyPageForm,
  });
  const [unplaced, setUnplaced] = useState<ApiErrorLine[]>([]);
  const parents = [
    { value: '', label: 'Top level' },
    ...flattenTree(pageTree(pages)).map((node) => ({
      value: node.page.id,
      label: `${'— '.repeat(node.depth)}${node.page.title}`,
    })),
  ];
  const submit = form.handleSubmit(async (values) => {
    setUnplaced([]);
    try {
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
    } catch (error) {
      setUnplaced(placeServerErrors(error as ErrorLike, form.setError, ['title', 'slug', 'parentId', 'status']));
    }
  });
  return (
    <FormPanel
      title="New page"
      submitLabel="Create page"
      submitting={form.formState.isSubmitting}
      errors={unplaced}
      onSubmit={submit}
      onCancel={onDone}
    >
      <TextField
        form={form}
        name="title"
        label="Title"
        onBlur={(event) => {
          if (!form.getValues('slug')) form.setValue('slug', slugFrom(event.target.value));
        }}
      />
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
