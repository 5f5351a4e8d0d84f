import { IncidentSchema, type Incident } from '@streetchief/shared/domain/incident';
import { DomainEventSchema, type DomainEvent } from '@streetchief/shared/domain/events';
import { z } from 'zod';
import { requestJson } from './http.ts';

const PageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
  head: z.number().int().min(0),
});

const EventsPageSchema = z.object({ events: z.array(z.unknown()), head: z.number().int().min(0) });

export interface Snapshot {
  incidents: Incident[];
  /** The event sequence number the first page corresponds to: catch up from here. */
  head: number;
  /** Items that failed validation and were left out (logged). */
  rejected: number;
}

/** Parses each item on its own, so one malformed case does not blank the wall. */
function parseItems(items: unknown[]): { incidents: Incident[]; rejected: number } {
  const incidents: Incident[] = [];
  let rejected = 0;
  for (const item of items) {
    const parsed = IncidentSchema.safeParse(item);
    if (parsed.success) incidents.push(parsed.data);
    else {
      rejected++;
      console.warn('[snapshot] case left out, it does not match the schema', parsed.error.issues[0], item);
    }
  }
  return { incidents, rejected };
}

/**
 * Every case open now or updated since `activeSince`, page by page. The head of the FIRST page
 * is the one to catch up from: later pages can only be newer, and the version check on upsert
 * drops what the catch-up replays over them.
 */
export async function loadSnapshot(activeSince: Date, pageSize = 500, signal?: AbortSignal): Promise<Snapshot> {
  const incidents: Incident[] = [];
  let rejected = 0;
  let head: number | null = null;
  let cursor: string | null = null;
  // A cursor that repeats would loop forever; the server never does that, but a wall must not hang.
  const seen = new Set<string>();
  do {
    const q = new URLSearchParams({ activeSince: activeSince.toISOString(), limit: String(pageSize) });
    if (cursor) q.set('cursor', cursor);
    const page = PageSchema.parse(await requestJson(`/api/incidents?${q}`, signal ? { signal } : {}));
    head ??= page.head;
    const parsed = parseItems(page.items);
    incidents.push(...parsed.incidents);
    rejected += parsed.rejected;
    cursor = page.nextCursor;
    if (cursor !== null) {
      if (seen.has(cursor)) break;
      seen.add(cursor);
    }
  } while (cursor !== null);
  return { incidents, head: head ?? 0, rejected };
}

/**
 * Parses one event off the wire. An event that does not match the contract but has a sequence
 * number becomes a `skip`: applying nothing is better than a gap that catch-up can never fill
 * (it would fetch the same malformed event again). `null` when not even `seq` is readable.
 */
export function parseEvent(raw: unknown): DomainEvent | null {
  const parsed = DomainEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn('[events] malformed event, treated as skip', parsed.error.issues[0], raw);
  const seq = (raw as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq > 0 ? { seq, type: 'skip' } : null;
}

/** The events after `after` (the log, as `skip` where this user may not look). */
export async function getEvents(after: number, limit: number): Promise<{ events: DomainEvent[]; head: number }> {
  const page = EventsPageSchema.parse(await requestJson(`/api/events?after=${after}&limit=${limit}`));
  const events: DomainEvent[] = [];
  for (const raw of page.events) {
    const e = parseEvent(raw);
    if (e) events.push(e);
  }
  return { events, head: page.head };
}

/** Cases whose number matches what was typed (`2026-004213`, or `4213` in any year), newest first. */
export async function findByCaseNo(caseNo: string, signal?: AbortSignal): Promise<Incident[]> {
  const body = PageSchema.parse(
    await requestJson(`/api/incidents?${new URLSearchParams({ caseNo, limit: '20' })}`, signal ? { signal } : {}),
  );
  return parseItems(body.items).incidents;
}
