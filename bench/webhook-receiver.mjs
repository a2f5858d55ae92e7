// The receiver of `pnpm bench:webhooks`, in its own process as a real receiver would be: it answers every POST at once
// and notes, per delivery, its webhook-id, the event's cursor and when it arrived (epoch ms, the same clock as the
// bench's). The bench asks over IPC how many arrived, and for the notes at the end.
import { createServer } from 'node:http';

const arrivals = [];
const server = createServer((incoming, answer) => {
  let body = '';
  incoming.on('data', (chunk) => {
    body += chunk;
  });
  incoming.on('end', () => {
    answer.end();
    const id = incoming.headers['webhook-id'];
    if (!id) return; // the floor's requests
    arrivals.push([id, JSON.parse(body).data.cursor, performance.timeOrigin + performance.now()]);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'count') process.send({ count: arrivals.length });
  if (message === 'report') process.send({ arrivals });
  if (message === 'exit') server.close(() => process.exit(0));
});
