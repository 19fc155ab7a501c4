import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, supergraphFile } from './compose.ts';

try {
  await writeFile(supergraphFile, await composeSupergraph());
  console.log(`wrote ${fileURLToPath(supergraphFile)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
