import { readFileSync } from 'node:fs';
import { parse } from 'graphql';

/**
 * A header line `# include shared/<name>.graphql` (path relative to the including file): a type
 * written once and declared in every subgraph that includes it, as federation needs.
 */
const includeLine = /^# include (\S+\.graphql)$/gm;

/** A subgraph's SDL file (`schema/<service>.graphql`) followed by the shared SDL files it includes. */
export const subgraphSdlFiles = (file: URL): URL[] => [
  file,
  // The group is not optional: every match has a path.
  ...Array.from(readFileSync(file, 'utf8').matchAll(includeLine), ([, path]) => new URL(String(path), file)),
];

/**
 * A subgraph's typeDefs: its SDL file and the shared files it includes. Runtime, composition
 * (`gateway/src/compose.ts`) and resolver codegen (`schema/codegen.ts`) all read this same set.
 */
export const readTypeDefs = (file: URL) =>
  parse(
    subgraphSdlFiles(file)
      .map((part) => readFileSync(part, 'utf8'))
      .join('\n'),
  );
