import { WebSocket, type WebSocketServer } from 'ws';
import type { Logger } from '../observability/log.ts';

/**
 * graphql-ws' `useServer` prints every error a socket emits, stack and all, to stderr. The errors a client causes
 * (a frame over `maxPayload`, invalid UTF-8, a bad opcode or close code) are refused by `ws` itself, which has
 * already closed the socket with the matching code (1009, 1007, 1002) when the error is emitted: they get one log
 * line here instead. Register after `useServer`: this replaces the listener it adds to each socket.
 */
export function logWebSocketProtocolErrors(wsServer: WebSocketServer, log: Logger): void {
  wsServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      log.info('websocket refused a malformed frame', { code: error.code ?? error.name, reason: error.message });
      if (socket.readyState === WebSocket.OPEN) socket.close(1011, 'Internal server error');
    });
  });
}
