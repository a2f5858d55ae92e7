// The attacker of subscription-flood.test.ts, in a process of its own (as the real one was): one graphql-ws socket,
// `count` subscriptions of the same document, reading every message as fast as it comes.
// Usage: node subscription-flood-client.mjs <server url> <token> <count> <query>
// Prints `ready` once the socket is acknowledged; subscribes on the first line of stdin (printing `subscribed`);
// on the second prints one JSON line (messages per type, the refusals) and exits.
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [url, token, count, query] = process.argv.slice(2);
const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
const received = { next: 0, error: 0, complete: 0 };
const refusals = [];
const subscriptionsWithData = new Set();
let closed = null;

socket.on('open', () =>
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
);
socket.on('close', (code) => {
  closed = code;
});
socket.on('message', (data) => {
  const message = JSON.parse(String(data));
  if (message.type === 'connection_ack') {
    console.log('ready');
    return;
  }
  if (message.type in received) received[message.type] += 1;
  const errors = message.type === 'error' ? message.payload : (message.payload?.errors ?? []);
  for (const error of errors) refusals.push({ id: message.id, code: error.extensions?.code, message: error.message });
  if (message.type === 'next' && message.payload?.data) subscriptionsWithData.add(message.id);
});

const lines = createInterface({ input: process.stdin });
let told = 0;
lines.on('line', () => {
  told += 1;
  if (told === 1) {
    for (let id = 1; id <= Number(count); id++) {
      socket.send(JSON.stringify({ id: String(id), type: 'subscribe', payload: { query } }));
    }
    console.log('subscribed');
    return;
  }
  console.log(JSON.stringify({ received, refusals, subscriptionsWithData: subscriptionsWithData.size, closed }));
  socket.terminate();
  process.exit(0);
});
