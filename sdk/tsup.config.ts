import { defineConfig } from 'tsup';

/** ESM and CJS with declarations; dependencies stay external, so bundlers tree-shake the generated documents. */
export default defineConfig({
  entry: { index: 'src/index.ts', 'file-token-store': 'src/node/file-token-store.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { types: ['node'] } },
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
});
