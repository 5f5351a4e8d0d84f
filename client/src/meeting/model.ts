import type { Actor, EventKind } from '@streetchief/shared/domain/events';
import type { Incident } from '@streetchief/shared/domain/incident';
import { AGENDA_REASONS, buildAgenda, type AgendaCase, type AgendaReason } from '@streetchief/shared/indicators/agenda';

/** The agenda's cases from the live state: the server's own rule (`buildAgenda`), re-run on every event. */
export function liveAgendaCases(incidents: Iterable<Incident>, now: Date): AgendaCase[] {
  return buildAgenda([...incidents], [], [], now).cases;
}

export interface AgendaGroup {
  reason: AgendaReason;
  items: AgendaCase[];
}

export interface GroupedAgenda {
  /** Each case once, under its most serious reason (overdue, escalated, returned, reworked). */
  groups: AgendaGroup[];
  /** Cases having each reason (a case overdue and escalated counts in both). */
  counts: Record<AgendaReason, number>;
  total: number;
}

/** Groups agenda cases for the projector, keeping the agenda's order (most overdue first) within a group. */
export function groupAgenda(cases: readonly AgendaCase[]): GroupedAgenda {
  const counts = Object.fromEntries(AGENDA_REASONS.map((r) => [r, 0])) as Record<AgendaReason, number>;
  const byReason = new Map<AgendaReason, AgendaCase[]>(AGENDA_REASONS.map((r) => [r, []]));
  for (const c of cases) {
    for (const r of c.reasons) counts[r]++;
    const first = AGENDA_REASONS.find((r) => c.reasons.includes(r));
    if (first) byReason.get(first)!.push(c);
  }
  return {
    groups: AGENDA_REASONS.map((reason) => ({ reason, items: byReason.get(reason)! })).filter((g) => g.items.length > 0),
    counts,
    total: cases.length,
  };
}

/** One decision in the minutes (议定事项). */
export interface MinuteEntry {
  /** `caseId@version`: the same decision seen locally and as an event is one entry. */
  key: string;
  /** The event's sequence number; null until the event has been seen. */
  seq: number | null;
  caseId: string;
  at: string;
  who: string;
  note: string;
  /** The case after the decision. */
  incident: Incident;
  /** The decision re-dispatched the case (to `incident.leadDept`). */
  redispatched: boolean;
}

/** What a decision changed that the case itself shows: re-dispatched when it was dispatched at this very moment. */
function wasRedispatched(incident: Incident): boolean {
  return incident.status === 'dispatched' && incident.dispatchedAt !== null && incident.dispatchedAt === incident.updatedAt;
}

/** A minute from a `decide` event of the log (or null for any other event). */
export function minuteFromEvent(e: {
  seq: number;
  kind: EventKind;
  at: string;
  actor: Actor;
  reason: string | null;
  incident: Incident;
}): MinuteEntry | null {
  if (e.kind !== 'decide') return null;
  return {
    key: `${e.incident.id}@${e.incident.version}`,
    seq: e.seq,
    caseId: e.incident.id,
    at: e.at,
    who: e.actor.name,
    note: e.reason ?? '',
    incident: e.incident,
    redispatched: wasRedispatched(e.incident),
  };
}

/** A minute from this screen's own decision, before its event arrives. */
export function minuteFromAnswer(incident: Incident, who: string, note: string): MinuteEntry {
  return {
    key: `${incident.id}@${incident.version}`,
    seq: null,
    caseId: incident.id,
    at: incident.updatedAt,
    who,
    note,
    incident,
    redispatched: wasRedispatched(incident),
  };
}

/** Adds minutes, one per decision (the event's copy wins over the local one), oldest first. */
export function mergeMinutes(current: readonly MinuteEntry[], added: readonly MinuteEntry[]): MinuteEntry[] {
  if (added.length === 0) return current as MinuteEntry[];
  const byKey = new Map(current.map((m) => [m.key, m]));
  let changed = false;
  for (const m of added) {
    const had = byKey.get(m.key);
    if (had && (had.seq !== null || m.seq === null)) continue;
    byKey.set(m.key, m);
    changed = true;
  }
  if (!changed) return current as MinuteEntry[];
  return [...byKey.values()].sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? Infinity) - (b.seq ?? Infinity));
}
