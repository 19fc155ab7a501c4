import { type FieldNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsField } from './selected-fields.ts';

/** The resolve info of the operation's first root field, as graphql hands it to that field's resolver. */
function infoOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectsField', () => {
  it('sees a field selected directly', () => {
    expect(selectsField(infoOf('{ crm { totalLeads leadsByStage { stageName } } }'), 'leadsByStage')).toBe(true);
  });

  it('does not see a field left out, nor one selected deeper down', () => {
    expect(selectsField(infoOf('{ crm { totalLeads } }'), 'leadsByStage')).toBe(false);
    expect(selectsField(infoOf('{ crm { other { leadsByStage { stageName } } } }'), 'leadsByStage')).toBe(false);
  });

  it('sees a field selected through inline fragments and named fragments', () => {
    expect(selectsField(infoOf('{ crm { ... on X { leadsByStage { openLeads } } } }'), 'leadsByStage')).toBe(true);
    const named = 'query Q { crm { ...Stages } } fragment Stages on X { ... { leadsByStage { openLeads } } }';
    expect(selectsField(infoOf(named), 'leadsByStage')).toBe(true);
  });
});
