// An endpoint's deliveries of one pass, sent one after another in stream order: the next waits for the previous
// one's answer and is not sent after a failure (it would overtake the failed one) or once the pass's time is up.
import { isDelivered, type WebhookTargetPolicy } from '@leqi/domain';
import { type AttemptOutcome, type Resolve, sendWebhook } from './send.ts';

export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

export interface SequenceRequest {
  url: string;
  deliveries: SignedDelivery[];
  policy: WebhookTargetPolicy;
  /** epoch ms after which no attempt begins */
  stopBy: number;
}

/** The outcomes of the attempts made, in order: all succeeded but perhaps the last. */
export async function sendSequence(
  request: SequenceRequest,
  send: typeof sendWebhook = sendWebhook,
  resolve?: Resolve,
): Promise<AttemptOutcome[]> {
  const outcomes: AttemptOutcome[] = [];
  for (const delivery of request.deliveries) {
    if (Date.now() >= request.stopBy) break;
    const outcome = await send(
      request.url,
      delivery.headers,
      delivery.body,
      request.policy,
      resolve ? { resolve } : {},
    );
    outcomes.push(outcome);
    if (!isDelivered(outcome.status)) break;
  }
  return outcomes;
}
