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
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isUnionType,
} from 'graphql';
import type { Context } from './context.ts';
import { refusalError, toPayloadError } from './payload-errors.ts';

/** A global ID in the input that does not decode (builder.ts's decoder throws it while the relay plugin maps the arguments). */
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

/** The member of the field's payload union a refusal becomes (ValidationError only if the union has it). */
function inPayload(error: DomainError, info: GraphQLResolveInfo, context: Context) {
  const union = getNamedType(info.returnType);
  const members = isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
  const payload = toPayloadError(error, context.locale);
  return payload.__typename === 'ValidationError' && !members.includes('ValidationError')
    ? { __typename: 'BaseError' as const, code: payload.code, message: payload.message }
    : payload;
}

/** Reads a global ID as the relay plugin does for this builder: throws when it is malformed. */
type GlobalIdDecoder = (globalID: string) => { typename: string };

/** An argument or input-object field, with the relay plugin's marks (`t.arg.globalID`, `t.globalID`) in its extensions. */
interface InputField {
  name: string;
  type: GraphQLInputType;
  extensions: Readonly<Record<string, unknown>>;
}

type Path = (string | number)[];

/** Whether the relay plugin refuses `globalID` for `field`: it does not decode, or names a type the field does not take. */
function refusesGlobalId(field: InputField, globalID: string, decode: GlobalIdDecoder): boolean {
  let typename: string;
  try {
    typename = decode(globalID).typename;
  } catch {
    return true;
  }
  const accepted = field.extensions.relayGlobalIDFor as { typename: string }[] | null | undefined;
  return Array.isArray(accepted) && !accepted.some((type) => type.typename === typename);
}

/** Where, below `value` of `field`'s input type `type`, the first refused global ID is. */
function refusedBelow(field: InputField, type: GraphQLInputType, value: unknown, decode: GlobalIdDecoder): Path | null {
  if (value === null || value === undefined) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (!Array.isArray(value)) return null;
    for (const [index, item] of value.entries()) {
      const found = refusedBelow(field, inner.ofType, item, decode);
      if (found) return [index, ...found];
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    return firstRefusedGlobalId(Object.values(inner.getFields()), value as Record<string, unknown>, decode);
  }
  return field.extensions.isRelayGlobalID === true && refusesGlobalId(field, String(value), decode) ? [] : null;
}

/**
 * The path of the first global ID among `values` the relay plugin refuses, in the order it decodes them: the raw
 * argument values are decoded again, so the refusal names the element without reading the plugin's message.
 */
function firstRefusedGlobalId(
  fields: readonly InputField[],
  values: Record<string, unknown>,
  decode: GlobalIdDecoder,
): Path | null {
  for (const field of fields) {
    const found = refusedBelow(field, field.type, values[field.name], decode);
    if (found) return [field.name, ...found];
  }
  return null;
}

/** The refusal of a malformed or wrong-type global ID argument, naming it as field issues do (`bindingIds.1`). */
function refusalOfMalformedId(
  error: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  decode: GlobalIdDecoder,
): DomainError | null {
  if (!(error instanceof MalformedGlobalIdError || error instanceof PothosValidationError)) return null;
  const argumentDefinitions = info.parentType.getFields()[info.fieldName]?.args ?? [];
  const path = firstRefusedGlobalId(argumentDefinitions, args, decode);
  const withinInput = path && path.length > 1 && path[0] === 'input' ? path.slice(1) : path;
  const field = withinInput?.join('.') || Object.keys(args)[0] || 'input';
  return { code: 'VALIDATION_FAILED', issues: [{ field, code: 'INVALID_FORMAT' }] };
}

class RefusalChannelsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    if (!resolver) return resolver;
    const inner = resolver as Resolver;
    const decoderFor = (context: Context): GlobalIdDecoder => {
      const configured = this.builder.options.relay?.decodeGlobalID;
      return configured ? (globalID) => configured(globalID, context as Types['Context']) : decodeGlobalID;
    };
    if (fieldConfig.parentType === 'Mutation') return mutationRefusals(inner, fieldConfig, decoderFor);
    if (fieldConfig.parentType === 'Query' || fieldConfig.parentType === 'Subscription') {
      return idRefusals(inner, decoderFor);
    }
    return resolver;
  }
}

type Resolver = GraphQLFieldResolver<unknown, unknown, object>;
type DecoderFor = (context: Context) => GlobalIdDecoder;

/** Calls `resolver`, handing a thrown or rejected error to `refuse` (which answers or throws again). */
function guarded(
  resolver: Resolver,
  refuse: (error: unknown, args: Record<string, unknown>, context: Context, info: GraphQLResolveInfo) => unknown,
): Resolver {
  return (parent, args, context, info) => {
    const onError = (error: unknown) => refuse(error, args as Record<string, unknown>, context as Context, info);
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
  decoderFor: DecoderFor,
): Resolver {
  const admitsTokens = fieldConfig.extensions?.[ADMITS_API_TOKENS] === true;
  const resolve = guarded(resolver, (error, args, context, info) => {
    const refusal = refusalOfMalformedId(error, args, info, decoderFor(context));
    if (!refusal) throw error;
    // every mutation that takes an ID needs a session
    return inPayload(context.viewer ? refusal : { code: 'UNAUTHENTICATED' }, info, context);
  });
  return (parent, args, context, info) =>
    !admitsTokens && (context as Context).viewer?.actor.role === 'API_CLIENT'
      ? inPayload({ code: 'FORBIDDEN' }, info, context as Context)
      : resolve(parent, args, context, info);
}

function idRefusals(resolver: Resolver, decoderFor: DecoderFor): Resolver {
  return guarded(resolver, (error, args, context, info) => {
    const refusal = refusalOfMalformedId(error, args, info, decoderFor(context));
    if (!refusal) throw error;
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
