import { EARLIEST_DATE, LATEST_DATE, messageFor } from '@leqi/domain';
import SchemaBuilder, { type SchemaTypes } from '@pothos/core';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { type Context, isSignedIn } from './context.ts';
import { parseDateTimeInput } from './date-time-scalar.ts';

export interface UploadedFile {
  name: string;
  size: number;
  type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The one Pothos builder; every feature registers its types on it in its own schema.ts. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { signedIn: boolean; enterprise: boolean; officer: boolean; admin: boolean; apiClient: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Upload: { Input: UploadedFile; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  plugins: [ScopeAuthPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (context) => {
      const role = context.viewer?.actor.role;
      return {
        signedIn: isSignedIn(context),
        enterprise: role === 'ENTERPRISE',
        officer: role === 'OFFICER',
        admin: role === 'ADMIN',
        apiClient: role === 'API_CLIENT',
      };
    },
    unauthorizedError: (_parent, context) => {
      const code = context.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED';
      return new GraphQLError(messageFor({ code }, context.locale), { extensions: { code } });
    },
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: { nullable: true },
    nodesQueryOptions: false,
    decodeGlobalID: decodeCheckedGlobalID,
  },
});

/** The builder's schema types, for helpers generic over the types registered on it. */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

/** Database ids are short plain text: a global ID decoding to NUL, a lone surrogate or 200+ characters is refused. */
function decodeCheckedGlobalID(globalID: string): { typename: string; id: string } {
  const decoded = decodeGlobalID(globalID);
  if (decoded.id.length > 200 || /[\p{Cc}\p{Cs}]/u.test(decoded.id)) {
    throw new GraphQLError(`Invalid global ID: ${globalID.slice(0, 100)}`, {
      extensions: { code: 'VALIDATION_FAILED' },
    });
  }
  return decoded;
}

/**
 * API tokens of third-party clients may use only the 使用单位管理 operations of their own enterprise: every root
 * field refuses them (FORBIDDEN) unless it opts in with `skipTypeScopes: true` and checks the token's enterprise.
 */
const notAnApiClient = (_root: unknown, context: Context) => context.viewer?.actor.role !== 'API_CLIENT';
builder.queryType({ authScopes: notAnApiClient });
builder.mutationType({ authScopes: notAnApiClient });
builder.subscriptionType({});

builder.scalarType('DateTime', {
  description: `ISO-8601 date and time; as input between ${EARLIEST_DATE} and ${LATEST_DATE} (VALIDATION_FAILED otherwise)`,
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTimeInput,
});

builder.scalarType('Upload', {
  description: 'A file sent with the GraphQL multipart request specification',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar');
  },
  parseValue: (value) => {
    // yoga hands over a WHATWG File (its own ponyfill on Node 20), so recognise it by shape
    const file = value as Partial<UploadedFile> | null;
    if (file && typeof file.arrayBuffer === 'function' && typeof file.name === 'string') return file as UploadedFile;
    throw new GraphQLError('Upload must be a file sent as multipart form data');
  },
});
