// graphql-codegen: the types of this client's operations, from the committed schema (../../schema.graphql) and the
// graphql(`…`) documents in src. `pnpm --filter @leqi/example-erp-client codegen` writes src/gql/ (committed);
// `codegen:check` (part of `pnpm typecheck`) fails when src/gql is not what this config generates.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**'],
  // a document that is not valid GraphQL fails the run instead of being skipped
  noSilentErrors: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        // plain objects: a fragment's fields are part of the operation's result type
        fragmentMasking: false,
      },
      config: {
        // GraphQL enums (InvitationStatus, CaseStatus, CaseEventName, ErrorCode, …) as unions of string literals:
        // the values are what the JSON carries, and no runtime code is generated for them
        enumType: 'string-literal',
        // DateTime arrives as an ISO 8601 string; Upload is a multipart file part (uploadMaterial)
        scalars: { DateTime: 'string', Upload: 'File' },
        strictScalars: true,
        useTypeImports: true,
        // imports between the generated files name the .ts file, as the rest of this client does
        importExtension: '.ts',
      },
    },
  },
};

export default config;
