import type { FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

function selectsIn(
  selectionSet: SelectionSetNode | undefined,
  field: string,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === 'Field') return selection.name.value === field;
    if (selection.kind === 'InlineFragment') return selectsIn(selection.selectionSet, field, fragments);
    return selectsIn(fragments[selection.name.value]?.selectionSet, field, fragments);
  });
}

/**
 * Whether the resolved field's selection asks for `field` directly (through fragments too), so a
 * resolver can leave out a costly part nobody asked for. `@skip`/`@include` are not evaluated:
 * a conditionally selected field counts as asked for, which only costs the work.
 */
export const selectsField = (info: Selection, field: string): boolean =>
  info.fieldNodes.some((node) => selectsIn(node.selectionSet, field, info.fragments));
