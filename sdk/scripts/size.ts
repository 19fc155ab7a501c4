import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Prints what the SDK costs a browser bundle (minified, gzipped), bundled by esbuild from `dist/`:
 * everything, the client with its helpers, and the core with one operation (what tree-shaking leaves).
 */
const entries = {
  'whole package': `export * from './dist/index.js';`,
  'createCodexClient (all helpers)': `export { createCodexClient } from './dist/index.js';`,
  'createCodexCore + customersQuery': `export { createCodexCore, customersQuery } from './dist/index.js';`,
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function sizeOf(contents: string, external: string[]) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('..', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external,
    write: false,
  });
  const code = result.outputFiles[0]!.contents;
  return `${kib(code.length).padStart(10)} min ${kib(gzipSync(code).length).padStart(10)} gzip`;
}

console.log('@codex/sdk size (esbuild, minified):');
for (const [name, contents] of Object.entries(entries)) {
  const own = await sizeOf(contents, ['graphql', 'gql.tada']);
  const withDependencies = await sizeOf(contents, []);
  console.log(`  ${name.padEnd(34)} SDK alone ${own} | with graphql and gql.tada ${withDependencies}`);
}
