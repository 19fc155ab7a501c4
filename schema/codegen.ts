import { fileURLToPath } from 'node:url';
import { subgraphSdlFiles } from '@codex/kit/subgraph-sdl';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { analytics } from './codegen/analytics.ts';
import { auth } from './codegen/auth.ts';
import { billing } from './codegen/billing.ts';
import { cms } from './codegen/cms.ts';
import { crm } from './codegen/crm.ts';

/**
 * Resolver types for each subgraph, generated from its SDL into `subgraphs/<name>/src/generated/`
 * (git-ignored; `npm install` runs this), so resolvers that drift from the SDL fail to type-check.
 * `codegen/<name>.ts` names the subgraph's context type and its `mappers`: the model a resolver
 * returns where it differs from the GraphQL type (paths relative to `src/generated/`). Each schema is
 * the subgraph's SDL file plus the shared files it includes, the set the subgraph serves.
 */
const subgraphs = { auth, crm, cms, billing, analytics };

/** The subgraphs with a database, and CDX, which the gateway process hosts. */
const targets = [
  ...Object.entries(subgraphs).map(([name, { context, mappers }]) => ({
    name,
    folder: `../subgraphs/${name}/src`,
    context,
    mappers,
  })),
  {
    name: 'cdx',
    folder: '../gateway/src/cdx',
    context: 'CdxContext',
    mappers: { Tenant: '../kpis.ts#KpiParent', PlatformOverview: '../kpis.ts#KpiParent' },
  },
];

const config: CodegenConfig = {
  silent: true,
  generates: Object.fromEntries(
    targets.map(({ name, folder, context, mappers }) => [
      `${folder}/generated/graphql.ts`,
      {
        schema: subgraphSdlFiles(new URL(`${name}.graphql`, import.meta.url)).map((file) => fileURLToPath(file)),
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: `../context.ts#${context}`,
          mappers,
          scalars: {
            DateTime: 'Date',
            Decimal: { input: 'string', output: 'string | { toFixed(): string }' },
            JSONObject: 'Record<string, unknown>',
          },
          enumsAsTypes: true,
          useTypeImports: true,
          useIndexSignature: true,
          importExtension: '.ts',
        },
      },
    ]),
  ),
};

export default config;
