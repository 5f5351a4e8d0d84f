import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@streetchief/shared/domain/socket';
import type { SyncTransport } from './eventSync.ts';

type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long one `catch_up` page may take before it counts as failed. */
const CATCH_UP_TIMEOUT_MS = 15_000;

/**
 * The Socket.IO connection on the page's origin (default path `/socket.io`), with the session
 * cookie. Socket.IO reconnects by itself after network loss; after a refusal by the server
 * (`socket.active` false) the sync decides when to retry.
 */
export function socketIoTransport(
  opts: { /** Volatile patrol positions (the wall's patrol layer validates them). */ onPositions?: (raw: unknown) => void } = {},
): SyncTransport {
  let socket: WallSocket | null = null;
  let stopHeartbeat = () => {};
  return {
    open(auth, h) {
      const s: WallSocket = io({
        // A function, so every reconnect sends the sequence number applied by then.
        auth: (cb) => cb(auth()),
        withCredentials: true,
        reconnectionDelay: 1000,
        reconnectionDelayMax: 10_000,
      });
      socket = s;
      s.on('connect', () => h.connect());
      s.on('disconnect', (reason) => h.disconnect(reason, s.active));
      s.on('connect_error', (err) => h.connectError(err.message, s.active));
      s.on('hello', (info) => h.hello(info));
      s.on('event', (e) => h.event(e));
      // Engine.IO's ping from the server (every 25 s): proof the line is alive between events.
      const onPing = () => h.heartbeat();
      s.io.on('ping', onPing);
      stopHeartbeat = () => s.io.off('ping', onPing);
      if (opts.onPositions) s.on('positions', (p) => opts.onPositions?.(p));
    },
    catchUp(after, limit) {
      if (!socket?.connected) return Promise.reject(new Error('not connected'));
      return socket.timeout(CATCH_UP_TIMEOUT_MS).emitWithAck('catch_up', { after, limit });
    },
    reconnect() {
      if (socket && !socket.connected) socket.connect();
    },
    close() {
      stopHeartbeat();
      socket?.removeAllListeners();
      socket?.disconnect();
      socket = null;
    },
  };
}
