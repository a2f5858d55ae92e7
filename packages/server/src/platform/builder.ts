import { EARLIEST_DATE, LATEST_DATE, messageFor } from '@leqi/domain';
import SchemaBuilder, { type SchemaTypes } from '@pothos/core';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import { type Context, isSignedIn } from './context.ts';
import { parseDateTimeInput } from './date-time-scalar.ts';
import RefusalChannelsPlugin, { MalformedGlobalIdError } from './refusal-channels.ts';

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
  plugins: [RefusalChannelsPlugin, ScopeAuthPlugin, RelayPlugin],
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
    nodeQueryOptions: {
      nullable: true,
      description:
        '按全局 ID 读取一个对象；无权查看或不存在时为 null\n\nAn object by its global ID; null when it does not exist or is not yours to see',
      args: { id: { description: '对象的全局 ID\n\nThe object’s global ID' } },
    } as never,
    nodesQueryOptions: false,
    decodeGlobalID: decodeCheckedGlobalID,
    nodeTypeOptions: { description: '有全局 ID 的对象（Relay）\n\nAn object with a global ID (Relay)' },
    idFieldOptions: { description: '全局 ID\n\nThe global ID' },
    pageInfoTypeOptions: { description: '分页信息（Relay）\n\nWhere this page sits in the list (Relay)' },
    hasNextPageFieldOptions: { description: '后面是否还有\n\nWhether more items follow' },
    hasPreviousPageFieldOptions: { description: '前面是否还有\n\nWhether items precede this page' },
    startCursorFieldOptions: { description: '本页第一项的游标\n\nCursor of the page’s first item' },
    endCursorFieldOptions: {
      description: '本页最后一项的游标，作为下一页的 after\n\nCursor of the page’s last item: the next page’s `after`',
    },
    edgesFieldOptions: { description: '本页各项\n\nThe page’s items' },
    pageInfoFieldOptions: { description: '分页信息\n\nWhere this page sits in the list' },
    cursorFieldOptions: { description: '此项的游标\n\nThis item’s cursor' },
    nodeFieldOptions: { description: '此项\n\nThe item' },
    firstArgOptions: { description: '每页条数，1–100，默认 20\n\nPage size, 1–100, 20 by default' },
    afterArgOptions: {
      description: '从此游标之后开始（上一页的 endCursor）\n\nStart after this cursor (the previous page’s endCursor)',
    },
    lastArgOptions: { description: '从末尾取的条数，1–100\n\nHow many items to take from the end, 1–100' },
    beforeArgOptions: { description: '到此游标之前为止\n\nEnd before this cursor' },
  },
});

/** The builder's schema types, for helpers generic over the types registered on it. */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

/** Database ids are short plain text: a global ID decoding to NUL, a lone surrogate or 200+ characters is refused. */
function decodeCheckedGlobalID(globalID: string, context: Context): { typename: string; id: string } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalID);
  } catch {
    throw new MalformedGlobalIdError(globalID, context);
  }
  if (!decoded.typename || decoded.id.length > 200 || /[\p{Cc}\p{Cs}]/u.test(decoded.id)) {
    throw new MalformedGlobalIdError(globalID, context);
  }
  return decoded;
}

/**
 * API tokens of third-party clients may use only the 使用单位管理 operations of their own enterprise: every query
 * and subscription refuses them (FORBIDDEN) unless it opts in with `skipTypeScopes: true` and checks the token's
 * enterprise; mutations refuse them inside their payload union unless they admit tokens (refusal-channels.ts).
 */
const notAnApiClient = (_root: unknown, context: Context) => context.viewer?.actor.role !== 'API_CLIENT';
builder.queryType({ authScopes: notAnApiClient, description: '查询\n\nQueries' });
builder.mutationType({
  description:
    '操作：每个状态变更一个，拒绝均在其结果联合类型中返回\n\nMutations: one per state transition; refusals come back in its payload union',
});
builder.subscriptionType({ description: '订阅（graphql-ws）\n\nSubscriptions (graphql-ws)' });

builder.scalarType('DateTime', {
  description: `ISO-8601 日期时间；作为输入时须在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间（否则 VALIDATION_FAILED）\n\nISO-8601 date and time; as input between ${EARLIEST_DATE} and ${LATEST_DATE} (VALIDATION_FAILED otherwise)`,
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTimeInput,
});

builder.scalarType('Upload', {
  description:
    '按 GraphQL multipart 请求规范上传的文件\n\nA file sent with the GraphQL multipart request specification',
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
