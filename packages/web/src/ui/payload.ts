/** First message of a payload that is not a success (server text, in the request's language). */
export function payloadProblem(
  payload: { __typename: string; message?: string; issues?: readonly { message: string }[] } | undefined,
  fallback: string,
): string {
  if (!payload) return fallback;
  const issues = payload.issues?.map((i) => i.message).join('；');
  return [payload.message, issues].filter(Boolean).join('：') || fallback;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
