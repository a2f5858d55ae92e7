// One refusal channel for mutations (issue 18): whatever refuses a mutation — an API token where tokens may not go,
// a malformed global ID in its input — answers inside the mutation's payload union, as the mutation's own
// refusals do, never as a top-level error with `data: null`.
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
          (/"([^"]+)"/.exec(error.message)?.[1] ?? null)
        : null;
  if (globalID === null && !(error instanceof PothosValidationError)) return null;
  const within = 'input' in args ? args.input : args;
  const field = (globalID !== null && pathOf(within, globalID)) || 'input';
  return { code: 'VALIDATION_FAILED', issues: [{ field, code: 'INVALID_FORMAT' }] };
}

class MutationRefusalsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!resolver || fieldConfig.parentType !== 'Mutation') return resolver;
    const admitsTokens = fieldConfig.extensions?.[ADMITS_API_TOKENS] === true;
    return (parent, args, untypedContext, info) => {
      const context = untypedContext as Context;
      if (!admitsTokens && context.viewer?.actor.role === 'API_CLIENT') {
        return inPayload({ code: 'FORBIDDEN' }, info, context);
      }
      const refuse = (error: unknown) => {
        const refusal = refusalOfMalformedId(error, args as Record<string, unknown>);
        if (!refusal) throw error;
        // who is asking comes before what they sent: every mutation that takes an ID needs a session
        return inPayload(context.viewer ? refusal : { code: 'UNAUTHENTICATED' }, info, context);
      };
      try {
        const result = resolver(parent, args, untypedContext, info);
        return result instanceof Promise ? result.catch(refuse) : result;
      } catch (error) {
        return refuse(error);
      }
    };
  }
}

const pluginName = 'mutationRefusals';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      mutationRefusals: MutationRefusalsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, MutationRefusalsPlugin as never);

export default pluginName;
