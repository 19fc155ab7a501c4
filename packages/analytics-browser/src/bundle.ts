import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

/** The snippet as browsers load it: TypeScript stripped and minified, still an ES module. */
export async function bundleSnippet(): Promise<string> {
  const source = await readFile(new URL('./index.ts', import.meta.url), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm', minify: true, target: 'es2020' });
  return code;
}
