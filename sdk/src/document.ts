import { type DocumentNode, Kind, type OperationDefinitionNode, print } from 'graphql';

/** What a request needs of a document: the text sent (and registered), its hash, its name and kind. */
export interface DocumentInfo {
  body: string;
  operationName: string | undefined;
  kind: 'query' | 'mutation' | 'subscription';
  /** Root field names of the operation (`ingestEvents`), to tell idempotent mutations. */
  rootFields: readonly string[];
  /** SHA-256 of `body`, hex: the automatic-persisted-query id and the manifest id. */
  hash: Promise<string>;
}

const infos = new WeakMap<DocumentNode, DocumentInfo>();

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function describe(document: DocumentNode): DocumentInfo {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new TypeError('The document holds no operation');
  // graphql's print is the canonical text: the persisted-query manifest is printed the same way.
  const body = print(document);
  return {
    body,
    operationName: operation.name?.value,
    kind: operation.operation,
    rootFields: operation.selectionSet.selections.flatMap((selection) =>
      selection.kind === Kind.FIELD ? [selection.name.value] : [],
    ),
    hash: sha256Hex(body),
  };
}

/** The document's request facts, worked out once per document object. */
export function documentInfo(document: DocumentNode): DocumentInfo {
  let info = infos.get(document);
  if (!info) {
    info = describe(document);
    infos.set(document, info);
  }
  return info;
}
