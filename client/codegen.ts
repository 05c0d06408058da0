import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The client's GraphQL types, generated from the committed schema (schema/schema.graphql, printed
 * from the server's classes) and the operations written with `graphql(...)` in client/src.
 * `npm run codegen` writes client/src/api/generated/; `npm run codegen:check` fails when the
 * committed files differ from what the schema and the operations give now. Offline: the schema is
 * a local file, nothing is fetched.
 *
 * The grid's per-table documents are built at run time from each table's selection (api/rows.ts)
 * and stay untyped here; every fixed operation is typed.
 */
export const OUT = process.env.CODEGEN_OUT ?? 'client/src/api/generated/';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/api/generated/**'],
  ignoreNoDocuments: false,
  // Only graphql(`…`) calls are operations to type: a gql`…` elsewhere (a document built at run
  // time from a table's selection) is not read.
  pluckConfig: { globalGqlIdentifierName: 'graphql', modules: [] },
  generates: {
    [OUT]: {
      preset: 'client',
      // Fragments are plain data here (no masking): the views read what the query selected.
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: { DateTime: 'string', DateTimeISO: 'string', ID: 'string' },
      },
    },
  },
};

export default config;
