// Text messages written to a ws socket as one pre-built frame each. ws's `send` takes a string, measures and encodes
// it, builds a header and writes the two with cork/uncork; a live event is written to a thousand sockets at once, so
// here the frame is assembled from parts encoded once (the shared payload) or once per subscription (its id) and
// handed to the TCP socket in one write. ws keeps counting it (bufferedAmount reads the TCP socket's buffer).
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** what of ws's internals a direct write relies on (ws 8) */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state: number };
  _extensions?: Record<string, unknown>;
}

/** ws's sender writes frames of its own right away in this state (not compressing, not reading a Blob) */
const SENDER_IDLE = 0;

const FIN_TEXT = 0x81;

/** Whether frames may be written past ws: no extension (compression) transforms this socket's frames. */
export function writesFramesDirectly(socket: WebSocket): boolean {
  const internals = socket as unknown as WsInternals;
  return internals._socket !== undefined && Object.keys(internals._extensions ?? {}).length === 0;
}

/** The header of an unmasked text frame of `length` bytes (RFC 6455 §5.2: servers do not mask). */
function headerLength(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

function writeHeader(frame: Buffer, length: number): void {
  frame[0] = FIN_TEXT;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
}

/**
 * Sends the concatenation of `parts` (UTF-8) as one text message. `direct` is `writesFramesDirectly(socket)`, asked
 * once per socket; ws sends the message itself whenever its sender holds frames of its own.
 */
export function sendText(socket: WebSocket, parts: readonly Buffer[], direct: boolean): void {
  let length = 0;
  for (const part of parts) length += part.length;
  const internals = socket as unknown as WsInternals;
  if (!direct || internals._sender?._state !== SENDER_IDLE || !internals._socket) {
    socket.send(Buffer.concat(parts, length), { binary: false });
    return;
  }
  const offset = headerLength(length);
  const frame = Buffer.allocUnsafe(offset + length);
  writeHeader(frame, length);
  let at = offset;
  for (const part of parts) at += part.copy(frame, at);
  internals._socket.write(frame);
}
