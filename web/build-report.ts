/// <reference types="node" />
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** The initial-load budget from issue 13: what the browser must fetch before the first screen. */
export const initialJsBudgetBytes = 350 * 1024;

/** The entry chunk and every chunk it imports statically: lazy screens are not part of the first load. */
export function initialChunks(bundle: OutputBundle): OutputChunk[] {
  const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return chunks.filter((chunk) => seen.has(chunk.fileName));
}

export const gzippedBytes = (chunks: OutputChunk[]) =>
  chunks.reduce((total, chunk) => total + gzipSync(chunk.code).length, 0);

/** Prints the initial JS size, gzipped, after every production build. */
export function initialJsReport(): Plugin {
  return {
    name: 'codex-initial-js-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const bytes = gzippedBytes(initialChunks(bundle));
      const verdict = bytes <= initialJsBudgetBytes ? 'within' : 'OVER';
      console.log(`Console initial JS: ${(bytes / 1024).toFixed(1)} KB gzipped (${verdict} the 350 KB budget)`);
    },
  };
}
