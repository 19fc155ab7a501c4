import { gzipSync } from 'node:zlib';
import { bundleSnippet } from '../src/bundle.ts';

/** Prints the snippet's size as served (minified) and gzipped; the budget is 5 KB gzipped. */
const code = await bundleSnippet();
const gzipped = gzipSync(code, { level: 9 }).length;
console.log(`analytics snippet: ${code.length} bytes minified, ${gzipped} bytes gzipped (budget 5120)`);
if (gzipped > 5120) process.exitCode = 1;
