import { useCallback, useEffect, useRef, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { getEvents } from '../api/incidents.ts';
import type { SyncState } from '../sync/eventSync.ts';
import { mergeMinutes, minuteFromAnswer, minuteFromEvent, type MinuteEntry } from './model.ts';

const STORAGE_KEY = 'streetchief.meeting';
/** A meeting record older than this is yesterday's meeting: opening the page starts a new one. */
const MAX_AGE_MS = 12 * 3_600_000;
const PAGE = 1000;

/** The meeting this screen records: when it started (time and event sequence) and who attends. */
export interface MeetingRecord {
  startedAt: string;
  /** Decisions after this sequence number belong to the meeting. */
  startSeq: number;
  attendees: string;
}

function readStored(now: number): MeetingRecord | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const r = JSON.parse(raw) as Partial<MeetingRecord>;
    if (typeof r.startedAt !== 'string' || typeof r.startSeq !== 'number' || typeof r.attendees !== 'string') return null;
    return now - Date.parse(r.startedAt) > MAX_AGE_MS ? null : (r as MeetingRecord);
  } catch {
    return null;
  }
}

function store(r: MeetingRecord): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(r));
  } catch {
    // Storage can be off (kiosk profiles): the meeting still works, it just does not survive a reload.
  }
}

export interface Minutes {
  record: MeetingRecord | null;
  minutes: MinuteEntry[];
  /** This screen's own decision, shown before its event arrives. */
  addAnswer: (incident: Incident, who: string, note: string) => void;
  setAttendees: (attendees: string) => void;
  /** Closes this meeting's minutes and starts a new meeting from now. */
  startNew: () => void;
}

/**
 * The minutes (议定事项): every `decide` event after the meeting started, from anyone in the
 * meeting, read from the event log. A reload reads the log again from the meeting's start, so the
 * minutes are the server's record, not this screen's memory; new decisions arrive live.
 */
export function useMinutes(state: SyncState): Minutes {
  const [record, setRecord] = useState<MeetingRecord | null>(() => readStored(Date.now()));
  const [minutes, setMinutes] = useState<MinuteEntry[]>([]);
  const lastSeq = useRef(state.lastSeq);
  lastSeq.current = state.lastSeq;

  // A new meeting starts at the sequence the screen has reached when it first loads.
  useEffect(() => {
    if (record || !state.loaded) return;
    const r = { startedAt: new Date().toISOString(), startSeq: state.lastSeq, attendees: '' };
    store(r);
    setRecord(r);
  }, [record, state.loaded, state.lastSeq]);

  // Decisions already in the log (after a reload), page by page up to the head.
  const startSeq = record?.startSeq;
  useEffect(() => {
    if (startSeq === undefined) return;
    let cancelled = false;
    setMinutes([]);
    void (async () => {
      let after = startSeq;
      for (let pages = 0; pages < 100 && !cancelled; pages++) {
        try {
          const { events, head } = await getEvents(after, PAGE);
          if (cancelled) return;
          const found: MinuteEntry[] = [];
          for (const e of events) {
            if (e.type !== 'incident') continue;
            const m = minuteFromEvent(e);
            if (m) found.push(m);
          }
          setMinutes((cur) => mergeMinutes(cur, found));
          const last = events.at(-1)?.seq ?? after;
          if (events.length === 0 || last >= head) return;
          after = last;
        } catch (err) {
          // The live ticker still brings new decisions; the earlier ones come back with the next reload.
          console.warn('[meeting] could not read the decisions of this meeting', err);
          return;
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [startSeq]);

  // New decisions from the live stream (every applied event passes through the ticker).
  useEffect(() => {
    if (startSeq === undefined) return;
    const found: MinuteEntry[] = [];
    for (const e of state.ticker) {
      if (e.seq <= startSeq) continue;
      const m = minuteFromEvent(e);
      if (m) found.push(m);
    }
    if (found.length) setMinutes((cur) => mergeMinutes(cur, found));
  }, [state.ticker, startSeq]);

  const addAnswer = useCallback((incident: Incident, who: string, note: string) => {
    setMinutes((cur) => mergeMinutes(cur, [minuteFromAnswer(incident, who, note)]));
  }, []);

  const setAttendees = useCallback((attendees: string) => {
    setRecord((r) => {
      if (!r) return r;
      const next = { ...r, attendees };
      store(next);
      return next;
    });
  }, []);

  const startNew = useCallback(() => {
    setRecord((r) => {
      const next = { startedAt: new Date().toISOString(), startSeq: lastSeq.current, attendees: r?.attendees ?? '' };
      store(next);
      return next;
    });
  }, []);

  return { record, minutes, addAnswer, setAttendees, startNew };
}
