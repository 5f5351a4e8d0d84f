import { HttpError, requestJson } from '../../api/http.ts';
import type { OutboxPayload } from './items.ts';
import type { SendResult } from './outbox.ts';

/** How long one request may take on a bad connection before it counts as "no answer". */
const TIMEOUT_MS = 30_000;

function path(p: OutboxPayload): { url: string; json: unknown } {
  switch (p.kind) {
    case 'report':
      return { url: '/api/incidents', json: p.body };
    case 'sighting':
      return { url: `/api/incidents/${encodeURIComponent(p.incidentId)}/sightings`, json: p.body };
    case 'patrol_start':
      return { url: '/api/patrols', json: p.body };
    case 'patrol_action':
      return { url: `/api/patrols/${encodeURIComponent(p.patrolId)}/actions`, json: p.body };
    case 'track':
      return { url: `/api/patrols/${encodeURIComponent(p.patrolId)}/track`, json: { points: p.points } };
    case 'daily':
      return { url: '/api/daily-reports', json: p.body };
    case 'check':
      return { url: `/api/incidents/${encodeURIComponent(p.incidentId)}/actions`, json: p.body };
    case 'photo':
      throw new Error('photos are sent as bytes');
  }
}

/** The HTTP side of the outbox: one request per payload, the answer reduced to ok / status + reason. */
export async function sendPayload(p: OutboxPayload, blob?: Blob): Promise<SendResult> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  try {
    if (p.kind === 'photo') {
      // A photo whose bytes are gone (storage cleared) can never be sent: refuse it like the server would.
      if (!blob) return { ok: false, status: 410, reason: 'photo data missing on this phone' };
      await requestJson(`/api/photos?id=${encodeURIComponent(p.photoId)}`, {
        method: 'POST',
        body: blob,
        headers: { 'Content-Type': blob.type || 'application/octet-stream' },
        signal,
      });
    } else {
      const { url, json } = path(p);
      return { ok: true, body: await requestJson(url, { method: 'POST', json, signal }) };
    }
    return { ok: true };
  } catch (err) {
    if (err instanceof HttpError) {
      const reason = (err.body as { reason?: unknown } | undefined)?.reason;
      return { ok: false, status: err.status, reason: typeof reason === 'string' ? reason : err.message };
    }
    return { ok: false, status: 0, reason: err instanceof Error ? err.message : String(err) };
  }
}
