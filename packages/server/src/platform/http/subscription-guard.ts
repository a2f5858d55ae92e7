import type { Viewer } from '../context.ts';
import type { EventBus } from '../events/bus.ts';
import type { Logger } from '../observability/log.ts';
import type { EndReason, SubscriberConnection } from './subscriber-connection.ts';

interface Guarded {
  token: string;
  viewer: Viewer;
}

/** role, enterprise, identity type and jurisdiction: what subscriptions were authorised against */
const rightsOf = (viewer: Viewer) => JSON.stringify(viewer.actor);

/**
 * A subscription is authorised once, when it starts; this keeps that judgement true for as long as its connection
 * (a graphql-ws socket or an SSE response) is open. A connection whose credential no longer signs anyone in
 * (signed out, session expired, account disabled or password reset, API token revoked or expired) is ended with
 * CREDENTIALS_REVOKED (socket: 4401; SSE: an UNAUTHENTICATED error event); one whose holder's rights changed
 * (role, authority) with RIGHTS_CHANGED (socket: 4403; SSE: a FORBIDDEN error event) so the client subscribes
 * again under its new rights.
 */
export class SubscriptionGuard {
  private readonly connections = new Map<SubscriberConnection, Guarded>();

  constructor(
    private readonly viewerFromToken: (token: string) => Promise<Viewer | null>,
    private readonly log?: Logger,
  ) {}

  /** remembers the credential a connection first subscribed with, until the connection is gone */
  track(connection: SubscriberConnection, token: string | null, viewer: Viewer | null): void {
    if (!token || !viewer || this.connections.has(connection)) return;
    this.connections.set(connection, { token, viewer });
    void connection.closed.then(() => this.connections.delete(connection));
  }

  get size(): number {
    return this.connections.size;
  }

  /**
   * Re-reads the credential of every connection (or of those `only` picks), once per distinct credential — many
   * connections may share one session or token; returns how many connections were ended.
   */
  async revalidate(only?: (viewer: Viewer) => boolean): Promise<number> {
    const byToken = new Map<string, [SubscriberConnection, Guarded][]>();
    for (const entry of this.connections) {
      if (only && !only(entry[1].viewer)) continue;
      byToken.set(entry[1].token, [...(byToken.get(entry[1].token) ?? []), entry]);
    }
    let ended = 0;
    for (const [token, entries] of byToken) {
      let current: Viewer | null;
      try {
        current = await this.viewerFromToken(token);
      } catch (error) {
        // the database is away: judge again on the next round rather than end everyone
        this.log?.warn('subscription guard: could not re-read a credential', { error });
        return ended;
      }
      for (const [connection, guarded] of entries) {
        const reason: EndReason | null =
          current === null
            ? 'CREDENTIALS_REVOKED'
            : rightsOf(current) !== rightsOf(guarded.viewer)
              ? 'RIGHTS_CHANGED'
              : null;
        if (reason === null || !this.connections.has(connection)) continue;
        this.connections.delete(connection);
        connection.end(reason);
        ended += 1;
      }
    }
    return ended;
  }

  /**
   * An account change (an ADMIN_USER event, on any instance) re-reads that user's connections at once; everything
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
