import { messageFor } from '@leqi/domain';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { type Context, isSignedIn, type SignedInContext } from './context.ts';
import { toPayloadError } from './graphql-errors.ts';

export { isSignedIn, type SignedInContext };

/**
 * What a caller without a session is answered. Mutations answer inside their payload union (the public contract:
 * clients read UNAUTHENTICATED from the payload like any other refusal); queries and subscriptions with an error.
 */
export const unauthenticated = {
  inPayload: (context: Context) => toPayloadError({ code: 'UNAUTHENTICATED' }, context.locale),
  /** for payloads without a StaleVersionError member */
  inSimplePayload: (context: Context) =>
    ({
      __typename: 'BaseError',
      code: 'UNAUTHENTICATED',
      message: messageFor({ code: 'UNAUTHENTICATED' }, context.locale),
    }) as const,
  asError: (context: Context): never => {
    throw new GraphQLError(messageFor({ code: 'UNAUTHENTICATED' }, context.locale), {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  },
} as const;

/**
 * A resolver (or `subscribe`) for signed-in callers only: it receives a context whose viewer is not null, and
 * every other caller gets `whenSignedOut(context)` — one of `unauthenticated`'s answers.
 */
export function signedIn<Root, Args, Result, Refusal>(
  whenSignedOut: (context: Context) => Refusal,
  resolve: (root: Root, args: Args, context: SignedInContext, info: GraphQLResolveInfo) => Result,
): (root: Root, args: Args, context: Context, info: GraphQLResolveInfo) => Result | Refusal {
  return (root, args, context, info) =>
    isSignedIn(context) ? resolve(root, args, context, info) : whenSignedOut(context);
}
