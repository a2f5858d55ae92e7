// Sends webhook sequences on a thread of their own (send-worker.mjs). An endpoint's deliveries go one after another,
// each waiting for the previous answer, so how fast an endpoint is served is bounded by how soon each answer is
// read; on the main thread, beside the request handling and the embedded database, that wait grew with the load.
// The thread is started on the first sequence and ended with the deliverer.
import { Worker } from 'node:worker_threads';
import type { AttemptOutcome } from './send.ts';
import type { SequenceRequest } from './send-sequence.ts';

type Answer = { id: number; outcomes?: AttemptOutcome[]; error?: string } | { ready: true };

export class SendThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private sequence = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (outcomes: AttemptOutcome[]) => void; reject: (error: Error) => void }
  >();

  /** Resolves once the thread can send (it is started now if it was not). */
  started(): Promise<void> {
    return this.start();
  }

  send(request: SequenceRequest): Promise<AttemptOutcome[]> {
    const ready = this.start();
    const id = ++this.sequence;
    return new Promise<AttemptOutcome[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      ready.then(
        () => this.worker?.postMessage({ id, request }),
        (error: Error) => this.fail(error),
      );
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
    this.fail(new Error('the webhook sender thread was closed'));
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(new URL('./send-worker.mjs', import.meta.url));
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (answer: Answer) => {
        if ('ready' in answer) return resolve();
        const waiter = this.waiting.get(answer.id);
        this.waiting.delete(answer.id);
        if (answer.outcomes) waiter?.resolve(answer.outcomes);
        else waiter?.reject(new Error(answer.error ?? 'the webhook sender thread failed'));
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(error);
      });
      worker.on('exit', () => {
        // a thread that ended is started again by the next sequence
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
        this.fail(new Error('the webhook sender thread ended'));
      });
    });
    return this.ready;
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
