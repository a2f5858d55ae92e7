// How the webhook pages read a refusal: a mutation's BaseError / ValidationError payload, or the GraphQL error a
// refused query carries (its code in `extensions.code`, its message already in the request's language).
import type { CombinedError } from 'urql';
import { payloadProblem } from '../../ui/payload.ts';

export interface Refusal {
  code?: string;
  /** the refusal's own message (e.g. 输入有误) */
  message: string;
  /** the message with every field issue after it, for where the issues are not shown at their fields */
  summary: string;
  /** the ValidationError's issues, by input field (url, description, eventTypes, since …) */
  issues: { field: string; message: string }[];
}

type PayloadLike = {
  __typename: string;
  code?: string;
  message?: string;
  issues?: readonly { field: string; message: string }[];
};

/** The refusal of a mutation that did not succeed (no payload: the transport's error, or `fallback`). */
export function refusalOf(
  payload: PayloadLike | undefined,
  error: CombinedError | undefined,
  fallback: string,
): Refusal {
  return {
    ...(payload?.code ? { code: payload.code } : {}),
    message: payload?.message ?? error?.message ?? fallback,
    summary: payloadProblem(payload, error?.message ?? fallback),
    issues: [...(payload?.issues ?? [])],
  };
}

/** The code and message of a refused query (e.g. FORBIDDEN, IDENTITY_NOT_ALLOWED), if the server refused it. */
export function queryRefusal(error: CombinedError | undefined): { code: string; message: string } | null {
  const refused = error?.graphQLErrors.find((e) => typeof e.extensions?.code === 'string');
  return refused ? { code: refused.extensions.code as string, message: refused.message } : null;
}

/** Codes by which the server says the viewer may not manage webhooks (not an ACTIVE DCU, or not its 法人/财务负责人). */
export const NOT_ALLOWED_CODES = ['FORBIDDEN', 'IDENTITY_NOT_ALLOWED'];
