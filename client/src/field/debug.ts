import type { Connectivity, NetState } from './net/connectivity.ts';
import type { Outbox } from './outbox/outbox.ts';
import type { PatrolRecorder } from './patrol/recorder.ts';

/** Read-only hooks for browser tests and for debugging a phone: `window.__field.pending()` … */
export interface FieldDebug {
  /** Items waiting to be sent, and refused ones. */
  pending(): number;
  failed(): number;
  /** Kinds of the queued items, in order. */
  kinds(): string[];
  /** The running patrol's id and status, or null. */
  patrol(): { id: string; status: string } | null;
  /** Fixes kept today on this phone. */
  trackLength(): number;
  /** Ask the outbox to send now. */
  flush(): Promise<void>;
  /** Whether the server answers, as the header shows it. */
  net(): NetState;
}

declare global {
  interface Window {
    __field?: FieldDebug;
  }
}

export function installFieldDebug(outbox: Outbox, recorder: PatrolRecorder, net: Connectivity): () => void {
  const api: FieldDebug = Object.freeze({
    pending: () => outbox.getView().pending,
    failed: () => outbox.getView().failed,
    kinds: () => outbox.getView().items.map((i) => i.payload.kind),
    patrol: () => {
      const p = recorder.getState().patrol;
      return p ? { id: p.id, status: p.status } : null;
    },
    trackLength: () => recorder.getState().track.length,
    flush: () => outbox.flush(),
    net: () => net.getState(),
  });
  Object.defineProperty(window, '__field', { value: api, configurable: true, enumerable: false, writable: false });
  return () => {
    if (window.__field === api) delete window.__field;
  };
}
