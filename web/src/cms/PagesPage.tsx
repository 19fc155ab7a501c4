import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { useSignedInUser } from '../auth/session-context.ts';
import type { PageNodeFragment } from '../generated/operations.ts';
import { Button } from '../ui/Button.tsx';
import { appendToConnection } from '../ui/connection-cache.ts';
import { ErrorBanner } from '../ui/ErrorBanner.tsx';
import { FormPanel } from '../ui/FormPanel.tsx';
import { SelectField, TextField } from '../ui/FormField.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useApiForm } from '../ui/use-api-form.ts';
import { useSlugFrom } from './use-slug-from.ts';
import { EmptyState, LoadingState } from '../ui/States.tsx';
import { useToast } from '../ui/Toast.tsx';
import { createPageMutation, pagesTreeQuery } from './page-operations.ts';
import { PageTreeRows } from './PageTree.tsx';
import { usePageActions } from './use-page-actions.tsx';
import { emptyPageForm, pageFormSchema } from './page-form.ts';
import { flattenTree, pageTree } from './page-tree.ts';

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

/** The site's page tree; ADMINs create, publish, move and delete pages. */
export function PagesPage() {
  const user = useSignedInUser();
  const canEdit = user.role === 'ADMIN';
  const { data, loading, error } = useQuery(pagesTreeQuery);
  const [creating, setCreating] = useState(false);
  const pages = useMemo(() => data?.pages.edges.map((edge) => edge.node) ?? [], [data]);
  const actions = usePageActions(pages);
  return (
    <section>
      <PageHeader
        title="Pages"
        description="The site's page tree, in sibling order. Move a page with its arrows: up, down, into the page above, or out of its parent."
        actions={canEdit && <Button onClick={() => setCreating(true)}>New page</Button>}
      />
      {error && <ErrorBanner error={error} />}
      {actions.feedback}
      {creating && <NewPageForm pages={pages} onDone={() => setCreating(false)} />}
      {!data && loading && <LoadingState label="Loading pages…" />}
      {data && pages.length === 0 && <EmptyState title="No pages yet" />}
      {pages.length > 0 && (
        <nav aria-label="Page tree">
          <PageTreeRows nodes={pageTree(pages)} actions={canEdit ? actions : undefined} />
        </nav>
      )}
    </section>
  );
}
