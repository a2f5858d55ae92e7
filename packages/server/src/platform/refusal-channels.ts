// One refusal channel per kind of root field (issue 18). Whatever refuses a mutation — an API token where tokens
// may not go, a malformed global ID in its input — answers inside the mutation's payload union, as the mutation's
// own refusals do, never as a top-level error with `data: null`. Queries and subscriptions refuse with a GraphQL
// error, and a malformed global ID there is VALIDATION_FAILED naming the argument. Everywhere, who is asking comes
// before what they sent: a caller without a session is told UNAUTHENTICATED, not that its ID is malformed.
import { type DomainError, messageFor } from '@leqi/domain';
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  PothosValidationError,
  type SchemaTypes,
} from '@pothos/core';
import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo, getNamedType, isUnionType } from 'graphql';
import type { Context } from './context.ts';

/** A global ID in the input that does not decode: the raw text, so the refusal can name the input field. */
export class MalformedGlobalIdError extends GraphQLError {
  constructor(
    readonly globalID: string,
    context: Context | undefined,
  ) {
    super(messageFor({ code: 'VALIDATION_FAILED' }, context?.locale ?? 'zh-CN'), {
      extensions: { code: 'VALIDATION_FAILED' },
    });
  }
}

/** The mutations API tokens may call: they set `extensions: { [ADMITS_API_TOKENS]: true }`. */
export const ADMITS_API_TOKENS = 'admitsApiTokens';

/** Where `value` sits in `input`, as the dotted path field issues use (`unitIds.2`), or null. */
function pathOf(input: unknown, value: string, prefix = ''): string | null {
  if (input === value) return prefix;
  if (input === null || typeof input !== 'object') return null;
  for (const [key, child] of Object.entries(input)) {
    const found = pathOf(child, value, prefix ? `${prefix}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/** The member of the field's payload union a refusal becomes (ValidationError only if the union has it). */
async function inPayload(error: DomainError, info: GraphQLResolveInfo, context: Context) {
  const union = getNamedType(info.returnType);
  const members = isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
  // imported when used: graphql-errors registers types on the builder, which registers this plugin
  const { toPayloadError } = await import('./graphql-errors.ts');
  const payload = toPayloadError(error, context.locale);
  return payload.__typename === 'ValidationError' && !members.includes('ValidationError')
    ? { __typename: 'BaseError' as const, code: payload.code, message: payload.message }
    : payload;
}

function refusalOfMalformedId(error: unknown, args: Record<string, unknown>): DomainError | null {
  const globalID =
    error instanceof MalformedGlobalIdError
      ? error.globalID
      : error instanceof PothosValidationError
        ? // the relay plugin's refusal of an ID of another type names the ID in its message
          (/ID: (\S+) is not of type/.exec(error.message)?.[1] ?? null)
        : null;
  if (globalID === null && !(error instanceof PothosValidationError)) return null;
  const within = 'input' in args ? args.input : args;
  const field = (globalID !== null && pathOf(within, globalID)) || Object.keys(args)[0] || 'input';
  return { code: 'VALIDATION_FAILED', issues: [{ field, code: 'INVALID_FORMAT' }] };
}

class RefusalChannelsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!resolver) return resolver;
    const inner = resolver as Resolver;
    if (fieldConfig.parentType === 'Mutation') return mutationRefusals(inner, fieldConfig);
    if (fieldConfig.parentType === 'Query' || fieldConfig.parentType === 'Subscription') return idRefusals(inner);
    return resolver;
  }
}

type Resolver = GraphQLFieldResolver<unknown, unknown, object>;

/** Calls `resolver`, handing a thrown or rejected error to `refuse` (which answers or throws again). */
function guarded(
  resolver: Resolver,
  refuse: (error: unknown, args: object, context: Context, info: GraphQLResolveInfo) => unknown,
): Resolver {
  return (parent, args, context, info) => {
    const onError = (error: unknown) => refuse(error, args, context as Context, info);
    try {
      const result = resolver(parent, args, context, info);
      return result instanceof Promise ? result.catch(onError) : result;
    } catch (error) {
      return onError(error);
    }
  };
}

function mutationRefusals<Types extends SchemaTypes>(
  resolver: Resolver,
  fieldConfig: PothosOutputFieldConfig<Types>,
): Resolver {
  const admitsTokens = fieldConfig.extensions?.[ADMITS_API_TOKENS] === true;
  const resolve = guarded(resolver, (error, args, context, info) => {
    const refusal = refusalOfMalformedId(error, args as Record<string, unknown>);
    if (!refusal) throw error;
    // every mutation that takes an ID needs a session
    return inPayload(context.viewer ? refusal : { code: 'UNAUTHENTICATED' }, info, context);
  });
  return (parent, args, context, info) =>
    !admitsTokens && (context as Context).viewer?.actor.role === 'API_CLIENT'
      ? inPayload({ code: 'FORBIDDEN' }, info, context as Context)
      : resolve(parent, args, context, info);
}

function idRefusals(resolver: Resolver): Resolver {
  return guarded(resolver, async (error, args, context) => {
    const refusal = refusalOfMalformedId(error, args as Record<string, unknown>);
    if (!refusal) throw error;
    const { refusalError } = await import('./graphql-errors.ts');
    throw refusalError(context.viewer ? refusal : { code: 'UNAUTHENTICATED' }, context.locale);
  });
}

const pluginName = 'refusalChannels';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      refusalChannels: RefusalChannelsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, RefusalChannelsPlugin as never);

export default pluginName;
