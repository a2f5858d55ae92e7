// The webhook sender's thread (send-thread.ts): it only makes HTTP attempts, so their answers are read at once
// however busy the main thread (and the embedded database on it) is. Plain JavaScript, so that it starts the same
// under tsx, under the test runner and in production; it loads the TypeScript it runs through tsx.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { sendSequence } = await import('./send-sequence.ts');

parentPort.on('message', async ({ id, request }) => {
  try {
    parentPort.postMessage({ id, outcomes: await sendSequence(request) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
parentPort.postMessage({ ready: true });
