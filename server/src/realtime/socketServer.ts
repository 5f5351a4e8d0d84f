import { CatchUpSchema, PROTOCOL_VERSION, roomsOfUser, SocketAuthSchema } from '@streetchief/shared';
import { PASSWORD_CHANGE_REQUIRED } from '@streetchief/shared/admin/index';
import type { Logger } from 'pino';
import type { Sessions } from '../auth/sessions.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/store.ts';
import { eventsAfter, headSeq } from '../store/eventLog.ts';
import { sessionRoom } from './sessionSockets.ts';
import type { IoServer, IoSocket } from './types.ts';
import { visibleTo } from './visibility.ts';

/**
 * Socket handshake and the catch-up request. A client sends the last sequence it applied; it
 * gets `hello` with this node's broadcast cursor and pages through `catch_up` up to it, holding
 * the live events that keep arriving meanwhile (all of them after the cursor).
 */
export function attachSockets(
  io: IoServer,
  deps: {
    store: Store;
    sessions: Sessions;
    log: Logger;
    /** The last sequence number this node broadcast (EventTail). */ position: () => number;
    metrics?: Pick<Metrics, 'catchUpPages'>;
  },
): void {
  // Which session each socket belongs to, so it joins that session's room (ended sessions close their sockets).
  const sessionOf = new WeakMap<IoSocket, string>();
  // Pages that speak an older protocol: told the current one (so they reload), sent nothing else.
  const older = new WeakSet<IoSocket>();
  io.use(async (socket, next) => {
    try {
      const auth = SocketAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(new Error(`bad handshake: protocol (1 to ${PROTOCOL_VERSION}) and after (last applied seq) required`));
      // Connecting counts as a use of the session, as a request does (sliding expiry).
      const resolved = await deps.sessions.resolve(socket.handshake.headers.cookie);
      if (!resolved) return next(new Error('unauthenticated'));
      // Live case data waits until the temporary password is replaced, as every other route does.
      if (resolved.session.mustChangePassword) return next(new Error(PASSWORD_CHANGE_REQUIRED));
      socket.data.user = resolved.session.user;
      sessionOf.set(socket, resolved.session.id);
      if (auth.data.protocol < PROTOCOL_VERSION) older.add(socket);
      next();
    } catch (err) {
      deps.log.error({ err }, 'socket auth failed');
      next(new Error('server error'));
    }
  });

  io.on('connection', async (socket: IoSocket) => {
    const user = socket.data.user;
    const sessionId = sessionOf.get(socket)!;
    const hello = (head: number) => ({
      protocol: PROTOCOL_VERSION,
      head,
      user: { id: user.id, role: user.role, displayName: user.displayName },
    });
    if (older.has(socket)) {
      socket.emit('hello', hello(deps.position()));
      socket.disconnect();
      return;
    }
    socket.on('catch_up', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      const req = CatchUpSchema.safeParse(raw);
      if (!req.success) return ack({ ok: false, error: `invalid catch_up: ${req.error.issues[0]?.message ?? ''}` });
      try {
        const [events, head] = await Promise.all([eventsAfter(deps.store.db, req.data.after, req.data.limit), headSeq(deps.store.db)]);
        ack({ ok: true, events: events.map((e) => visibleTo(user, e)), head });
        deps.metrics?.catchUpPages.inc({ outcome: 'ok' });
      } catch (err) {
        deps.metrics?.catchUpPages.inc({ outcome: 'failed' });
        deps.log.error({ err }, 'catch_up failed');
        ack({ ok: false, error: 'server error' });
      }
    });
    // Join, then read this node's broadcast cursor with nothing in between: every event after it
    // reaches the socket live, every one up to it is the client's to fetch with catch_up, so the
    // two meet exactly. (The in-memory and Redis adapters join synchronously; were one to join
    // later, the cursor is read once the join holds, which at worst sends an event both ways.)
    const joined = socket.join([...roomsOfUser(user), sessionRoom(sessionId)]);
    if (joined) await joined;
    socket.emit('hello', hello(deps.position()));
    // A session ended between the handshake and the join (an account disabled that instant) found
    // no socket in its room to close: look again now that the socket is in it.
    if (!(await deps.sessions.isLive(sessionId).catch(() => true))) socket.disconnect(true);
  });
}
