import { useCallback, useEffect, useState } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { getCase } from '../../api/cases.ts';
import { HttpError, requestJson } from '../../api/http.ts';
import { serverAnswered, type NetState } from '../net/connectivity.ts';
import { kvGet, kvSet } from '../outbox/idb.ts';
import { feedbackOf, type FeedbackNote } from './feedback.ts';

const CASES_KEY = 'checks';
const NOTES_KEY = 'checkFeedback';

/**
 * Handled cases in the user's grids, waiting for the on-site check: from the server, or the copy
 * on the phone. Loaded again when the server answers after the copy was used, and on `reload`.
 */
export function useChecks(user: User, net: NetState): { cases: Incident[]; offline: boolean; reload: () => void } {
  const [cases, setCases] = useState<Incident[]>([]);
  const [offline, setOffline] = useState(false);
  const load = useCallback(async () => {
    try {
      const body = (await requestJson('/api/incidents?status=handled&limit=200')) as { items: Incident[] };
      // My grids' cases, and those the desk named me to check (指派核查) wherever they are.
      const mine = body.items.filter((c) => user.gridCodes.includes(c.gridCode) || c.checkerId === user.id);
      setCases(mine);
      setOffline(false);
      await kvSet(CASES_KEY, mine).catch(() => {});
    } catch {
      setOffline(true);
      const cached = await kvGet<Incident[]>(CASES_KEY).catch(() => undefined);
      if (cached) setCases(cached);
    }
  }, [user]);
  useEffect(() => {
    void load();
  }, [load]);
  // The list came from the phone's copy: load it again once the server answers.
  useEffect(() => {
    if (net === 'online' && offline) void load();
  }, [net, offline, load]);
  return { cases, offline, reload: () => void load() };
}

/** What the card shows for the department's result: the note, still loading, not on the phone (offline), or none given. */
export type FeedbackState = FeedbackNote | 'loading' | 'missing' | 'none';

/** A case read whose history holds no feedback (or that is no longer visible): nothing to show, not asked again at this version. */
type Stored = FeedbackNote | { version: number; none: true };

/**
 * The department's result note of each listed case, read from the case's history (`GET
 * /api/incidents/:id`) once per case version and kept on the phone, so the checker has it on site
 * with no signal.
 */
export function useFeedbackNotes(cases: readonly Incident[], net: NetState): Map<string, FeedbackState> {
  const [notes, setNotes] = useState<Record<string, Stored>>({});
  const [unreachable, setUnreachable] = useState(false);
  const [cacheRead, setCacheRead] = useState(false);

  useEffect(() => {
    void kvGet<Record<string, Stored>>(NOTES_KEY)
      .then((cached) => cached && setNotes((cur) => ({ ...cached, ...cur })))
      .catch(() => {})
      .finally(() => setCacheRead(true));
  }, []);

  useEffect(() => {
    if (!cacheRead || net === 'offline') return;
    const stale = cases.filter((c) => notes[c.id]?.version !== c.version);
    if (stale.length === 0) return;
    let cancelled = false;
    void (async () => {
      const got: Record<string, Stored> = {};
      let reached = true;
      for (const c of stale) {
        try {
          const d = await getCase(c.id);
          // Filed under the listed version, so a list a step behind the server does not ask again and again.
          got[c.id] = feedbackOf(d.history, c.version) ?? { version: c.version, none: true };
        } catch (err) {
          // No answer: try again when the server is back. A refusal (404: no longer mine): nothing to show.
          if (!(err instanceof HttpError) || !serverAnswered(err.status)) {
            reached = false;
            break;
          }
          got[c.id] = { version: c.version, none: true };
        }
        if (cancelled) return;
      }
      if (cancelled) return;
      setUnreachable(!reached);
      setNotes((cur) => {
        const next = { ...cur, ...got };
        // Keep only the cases still listed.
        const keep = Object.fromEntries(cases.filter((c) => next[c.id]).map((c) => [c.id, next[c.id]!]));
        void kvSet(NOTES_KEY, keep).catch(() => {});
        return keep;
      });
    })();
    return () => {
      cancelled = true;
    };
  }, [cases, net, cacheRead, notes]);

  const out = new Map<string, FeedbackState>();
  for (const c of cases) {
    const n = notes[c.id];
    out.set(c.id, !n ? (unreachable || net === 'offline' ? 'missing' : 'loading') : 'none' in n ? 'none' : n);
  }
  return out;
}
