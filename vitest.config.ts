import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * graphql 16 ships CommonJS (`main`) and ESM (`module`) builds. Node (`npm start`, tsx) loads the
 * CommonJS one everywhere, as @apollo/gateway does; Vite's resolver would hand our own sources the
 * ESM one, and a schema built by one copy is "from another realm" for the other (graphql's
 * instanceof checks). Tests load what production loads.
 */
const graphqlCommonJs = createRequire(import.meta.url).resolve('graphql');

/**
 * Two tiers. `unit`: pure logic beside its source (`src/**\/*.test.ts`), no server, no database;
 * `npx vitest run --project unit`. `integration`: `tests/` and the console's browser tests
 * (`*.e2e.test.ts`) against the real platform that the global setup starts once per run.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCommonJs }] },
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'subgraphs/*/src/**/*.test.ts',
            'gateway/src/**/*.test.ts',
            'web/src/**/*.test.ts',
            'sdk/src/**/*.test.ts',
          ],
          exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
          // 85 files in one module graph: 7 s instead of 58 (imports dominated).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts', 'web/src/**/*.e2e.test.ts'],
          globalSetup: ['tests/support/global-setup.ts', 'web/e2e/global-setup.ts'],
          pool: 'forks',
          // One worker imports the platform's modules once for every file: isolated, each of ~100
          // files paid ~2 s of imports (a full run here: 1,127 s isolated, 912 s not).
          isolate: false,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
