// A raw graphql-transport-ws socket for protocol-level tests: every message and the close code are visible.
import WebSocket from 'ws';

export interface ProtocolMessage {
  type: string;
  id?: string;
  payload?: any;
}

/** A raw graphql-transport-ws socket that records every message and its close. */
export class RawSocket {
  readonly messages: ProtocolMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private readonly socket: WebSocket;

  constructor(url: string) {
    this.socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    this.socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as ProtocolMessage));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  send(message: ProtocolMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  // only a message that never comes waits this long; an ack that needs sign-in reads took over 5 s on a loaded machine
  async next(type: string, timeoutMs = 15_000): Promise<ProtocolMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((message) => message.type === type);
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms: ${JSON.stringify(this.messages)}`);
      await sleep(10);
    }
  }

  async init(token?: string): Promise<void> {
    await this.opened;
    this.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await this.next('connection_ack');
  }

  close(): void {
    this.socket.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
