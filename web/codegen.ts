import type { CodegenConfig } from '@graphql-codegen/cli';

/** Result and variable types for the console's operations, generated from the committed supergraph and live.graphql. */
const config: CodegenConfig = {
  // The gateway's own subscriptions (live queries) are not in the composed supergraph.
  schema: ['../schema/supergraph.graphql', '../schema/live.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/generated/**', '!src/**/*.test.ts'],
  generates: {
    'src/generated/operations.ts': {
      plugins: ['typescript-operations'],
      config: {
        // Enums as `as const` objects: a screen can list an enum's values (the CMS field types) instead of copying them.
        enumType: 'const',
        useTypeImports: true,
        // Apollo Client adds __typename to every selection; optimistic responses must carry it.
        nonOptionalTypename: true,
        scalars: { DateTime: 'string', Decimal: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

// The codegen CLI reads the default export.
export default config;
