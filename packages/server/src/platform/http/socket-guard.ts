import type { WebSocket } from 'ws';
import type { Viewer } from '../context.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../observability/log.ts';

/** graphql-ws close codes: the client gives up on 4401 and reconnects (to be judged anew) after 4403 */
export const CREDENTIALS_REVOKED = 4401;
export const RIGHTS_CHANGED = 4403;

interface Guarded {
  token: string;
  viewer: Viewer;
}

/** role, enterprise, identity type and jurisdiction: what subscriptions were authorised against */
const rightsOf = (viewer: Viewer) => JSON.stringify(viewer.actor);

/**
 * A subscription is authorised once, when it starts; this keeps that judgement true for as long as the socket is
 * open. A socket whose credential no longer signs anyone in (signed out, session expired, account disabled or
 * password reset, API token revoked or expired) is closed with 4401; one whose holder's rights changed (role,
 * authority) is closed with 4403 so the client reconnects under its new rights.
 */
export class SocketGuard {
  private readonly sockets = new Map<WebSocket, Guarded>();

  constructor(
    private readonly viewerFromToken: (token: string) => Promise<Viewer | null>,
    private readonly log?: Logger,
  ) {}

  /** remembers the credential a socket first subscribed with */
  track(socket: WebSocket, token: string | null, viewer: Viewer | null): void {
    if (!token || !viewer || this.sockets.has(socket)) return;
    this.sockets.set(socket, { token, viewer });
    socket.once('close', () => this.sockets.delete(socket));
  }

  get size(): number {
    return this.sockets.size;
  }

  /**
   * Re-reads the credential of every socket (or of those `only` picks), once per distinct credential — many
   * sockets may share one session or token; returns how many sockets were closed.
   */
  async revalidate(only?: (viewer: Viewer) => boolean): Promise<number> {
    const byToken = new Map<string, [WebSocket, Guarded][]>();
    for (const entry of this.sockets) {
      if (only && !only(entry[1].viewer)) continue;
      byToken.set(entry[1].token, [...(byToken.get(entry[1].token) ?? []), entry]);
    }
    let closed = 0;
    for (const [token, entries] of byToken) {
      let current: Viewer | null;
      try {
        current = await this.viewerFromToken(token);
      } catch (error) {
        // the database is away: judge again on the next round rather than close everyone
        this.log?.warn('socket guard: could not re-read a credential', { error });
        return closed;
      }
      for (const [socket, guarded] of entries) {
        const code =
          current === null
            ? CREDENTIALS_REVOKED
            : rightsOf(current) !== rightsOf(guarded.viewer)
              ? RIGHTS_CHANGED
              : null;
        if (code === null || !this.sockets.has(socket)) continue;
        this.sockets.delete(socket);
        socket.close(code, code === CREDENTIALS_REVOKED ? 'Unauthorized' : 'Forbidden');
        closed += 1;
      }
    }
    return closed;
  }

  /**
   * An account change (an ADMIN_USER event, on any instance) re-reads that user's sockets at once; everything
   * else (sign-out, expiry, token revocation) is caught within `intervalMs`.
   */
  start(bus: EventBus, intervalMs: number): () => void {
    const unsubscribe = bus.subscribe(
      (event) => {
        if (event.caseKind === 'ADMIN_USER')
          void this.revalidate((viewer) => viewer.userId === event.caseId).catch(() => undefined);
      },
      { internal: true },
    );
    const timer = setInterval(() => void this.revalidate().catch(() => undefined), intervalMs);
    timer.unref();
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }
}
