import { NO_ALLOWED_HOSTS } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServer, localServer } from '../../../test/webhook-receiver.ts';
import { type SequenceRequest, sendSequence } from './send-sequence.ts';
import { SendThread } from './send-thread.ts';

const DEVELOPMENT = { allowed: NO_ALLOWED_HOSTS, allowLoopback: true };

describe('an endpoint’s sequence of attempts, in process and on the sender thread', () => {
  const seen: string[] = [];
  /** the status of each answer in turn, then 200 */
  let script: number[] = [];
  let server: LocalServer | undefined;
  const thread = new SendThread();
  beforeAll(async () => {
    server = await localServer(({ body }, response) => {
      seen.push(body);
      response.statusCode = script.shift() ?? 200;
      response.end();
    });
  });
  afterAll(async () => {
    await thread.close();
    await server?.close();
  });

  const request = (bodies: string[], stopBy = Date.now() + 10_000): SequenceRequest => ({
    url: `${server?.origin}/in`,
    deliveries: bodies.map((body) => ({ headers: { 'webhook-id': `msg_${body}` }, body })),
    policy: DEVELOPMENT,
    stopBy,
  });

  for (const [where, send] of [
    ['in process', (r: SequenceRequest) => sendSequence(r)],
    ['on the thread', (r: SequenceRequest) => thread.send(r)],
  ] as const) {
    it(`${where}: sends in order and stops at the first failure (the rest would overtake it)`, async () => {
      seen.length = 0;
      script = [200, 503];
      const outcomes = await send(request(['a', 'b', 'c']));
      expect(seen).toEqual(['a', 'b']);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([200, 503]);
    });

    it(`${where}: begins no attempt once the pass's time is up`, async () => {
      seen.length = 0;
      script = [];
      expect(await send(request(['a', 'b'], Date.now() - 1))).toEqual([]);
      expect(seen).toEqual([]);
    });
  }

  it('a thread that ended is started again by the next sequence; a closed one fails what it was sending', async () => {
    seen.length = 0;
    const own = new SendThread();
    await own.started();
    await own.close();
    script = [];
    expect((await own.send(request(['after-close']))).map((outcome) => outcome.status)).toEqual([200]);
    const pending = own.send(request(['x']));
    const closing = own.close();
    await expect(pending).rejects.toThrow();
    await closing;
  });
});
