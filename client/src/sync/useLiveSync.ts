import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { getEvents, loadSnapshot, parseEvent } from '../api/incidents.ts';
import { EventSync, type SyncState } from './eventSync.ts';
import { socketIoTransport } from './socketTransport.ts';

/** A page older than the server's protocol reloads itself, after a pause so a loop cannot hammer the server. */
const PROTOCOL_RELOAD_MS = 60_000;

export interface LiveSyncOptions {
  /** The server said 401: show the sign-in form. */
  onUnauthorized: () => void;
  /** From the session gate: increments after a new sign-in, so the sync retries at once. */
  epoch: number;
  /** Prefill the event list with the events before the snapshot. */
  withRecentEvents?: boolean;
  /** Volatile patrol positions (the wall's patrol layer). Read once, like the other options. */
  onPositions?: (raw: unknown) => void;
}

/**
 * The live case state for a signed-in page: one `EventSync` (snapshot + Socket.IO events, gap-free)
 * for the page's lifetime, read through `useSyncExternalStore`. The server filters by the user's
 * scope, so the same hook serves the wall, the desks and the check page.
 */
export function useLiveSync({ onUnauthorized, epoch, withRecentEvents = false, onPositions }: LiveSyncOptions): {
  sync: EventSync;
  state: SyncState;
} {
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;
  const sync = useMemo(
    () =>
      new EventSync({
        transport: socketIoTransport(onPositions ? { onPositions } : {}),
        loadSnapshot: (since) => loadSnapshot(since),
        ...(withRecentEvents ? { loadRecentEvents: (after: number, limit: number) => getEvents(after, limit) } : {}),
        parseEvent,
        onUnauthorized: () => onUnauthorizedRef.current(),
        onProtocolMismatch: () => setTimeout(() => window.location.reload(), PROTOCOL_RELOAD_MS),
      }),
    // One sync per page: the options are read once.
    [],
  );
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  useEffect(() => {
    if (epoch > 0) sync.resume();
  }, [sync, epoch]);
  const subscribe = useCallback((onChange: () => void) => sync.subscribe(onChange), [sync]);
  const state = useSyncExternalStore(subscribe, sync.getState);
  return { sync, state };
}
