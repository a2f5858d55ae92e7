// The one `graphql()` every document of the web is written with (gql.tada): result and variable types are inferred
// from schema.graphql through src/app/graphql-env.d.ts, which `pnpm typecheck` regenerates (`gql-tada generate
// output`) before `gql-tada check` validates every document against the schema. No hand-written result types.
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  // Fragments are plain spreads here, as with urql's gql: a query's result includes its fragments' fields.
  disableMasking: true;
  scalars: { DateTime: string; Upload: File };
}>();

export type { FragmentOf, ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
