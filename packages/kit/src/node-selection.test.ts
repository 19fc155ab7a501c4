import { buildSchema, executeSync, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type NodeSelection, nodeSelectionOf, recordNodeSelections } from './node-selection.ts';

const sdl = `
  type Row { id: ID! name: String note: String computed: String }
  type RowEdge { cursor: String! node: Row! }
  type PageInfo { endCursor: String }
  type RowConnection { edges: [RowEdge!]! nodes: [Row!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { rows(first: Int): RowConnection! }
`;

/** Runs `query` and answers what the list's resolver saw as the node selection. */
function selectionSeen(query: string) {
  const schema = buildSchema(sdl);
  const row = schema.getType('Row') as unknown as { getFields: () => Record<string, { resolve?: unknown }> };
  row.getFields().computed!.resolve = () => 'made';
  let called = false;
  let seen: NodeSelection | undefined;
  schema.getQueryType()!.getFields().rows!.resolve = (_parent, args) => {
    called = true;
    seen = nodeSelectionOf(args);
    return { edges: [], nodes: [], pageInfo: {}, totalCount: 0 };
  };
  const result = executeSync({ schema: recordNodeSelections(schema), document: parse(query) });
  expect(result.errors).toBeUndefined();
  expect(called).toBe(true);
  return seen && { fields: [...seen.fields].sort(), cursors: seen.cursors };
}

describe('node selections', () => {
  it('a list is told the node fields selected under edges.node and nodes, through fragments', () => {
    expect(selectionSeen('{ rows(first: 2) { edges { cursor node { id name } } } }')).toEqual({
      fields: ['id', 'name'],
      cursors: true,
    });
    expect(
      selectionSeen(
        '{ rows { totalCount ...On edges { node { ... on Row { note } } } } } fragment On on RowConnection { nodes { id __typename } }',
      ),
    ).toEqual({ fields: ['__typename', 'id', 'note'], cursors: false });
    expect(selectionSeen('{ rows { pageInfo { endCursor } nodes { id } } }')).toEqual({
      fields: ['id'],
      cursors: true,
    });
  });

  it('a node field with a resolver of its own leaves the selection unknown (every column is read)', () => {
    expect(selectionSeen('{ rows { edges { node { id computed } } } }')).toBeUndefined();
  });

  it('the same document twice gives the same answer', () => {
    const document = '{ rows { nodes { name } } }';
    expect(selectionSeen(document)).toEqual({ fields: ['name'], cursors: false });
    expect(selectionSeen(document)).toEqual({ fields: ['name'], cursors: false });
  });
});
