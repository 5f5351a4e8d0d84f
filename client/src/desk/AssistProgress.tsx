import type { Incident } from '@streetchief/shared/domain/incident';
import type { HistoryEntry } from '../api/cases.ts';
import type { Lookups } from '../common/lookups.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { formatDateTime } from '../i18n/format.ts';
import { PhotoStrip } from './PhotoStrip.tsx';
import { photosAdded } from './Timeline.tsx';

/** One note an assisting department added (协办记录), or its closing note. */
export interface AssistNote {
  seq: number;
  kind: 'assist_note' | 'assist_done';
  at: string;
  who: string;
  text: string | null;
  photos: Incident['photos'];
}

/**
 * The assisting departments' notes since the case's last dispatch (a re-dispatch starts the parts
 * afresh), by department, oldest first: texts are the `assist_note` events' reasons, photos what
 * each of them attached.
 */
export function assistNotes(history: readonly HistoryEntry[]): Map<string, AssistNote[]> {
  let since = 0;
  history.forEach((e, i) => {
    if (e.kind === 'dispatch' || e.kind === 'return' || (e.kind === 'decide' && e.incident.dispatchedAt === e.at)) since = i;
  });
  const byDept = new Map<string, AssistNote[]>();
  for (let i = since; i < history.length; i++) {
    const e = history[i]!;
    if ((e.kind !== 'assist_note' && e.kind !== 'assist_done') || !e.actor.departmentCode) continue;
    const list = byDept.get(e.actor.departmentCode) ?? [];
    list.push({
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      who: e.actor.name,
      text: e.reason,
      photos: photosAdded(e, i > 0 ? history[i - 1]!.incident : null),
    });
    byDept.set(e.actor.departmentCode, list);
  }
  return byDept;
}

/**
 * 协办进度 in the case drawer: each assisting department, done or still working, with its notes and
 * photos. The case's parts (`assists`) come live with every event; the notes with the history,
 * which the drawer fetches again on each new event of the case.
 */
export function AssistProgress({
  incident,
  history,
  lookups,
  ownDept,
}: {
  incident: Incident;
  history: readonly HistoryEntry[] | null;
  lookups: Lookups;
  ownDept: string | null;
}) {
  const { td } = useDeskI18n();
  if (incident.assists.length === 0) return null;
  const notes = history ? assistNotes(history) : new Map<string, AssistNote[]>();
  return (
    <section className="assist-progress" data-testid="assist-progress" aria-label={td('assist.title')}>
      <h3>{td('assist.title')}</h3>
      <ul className="assist-parts">
        {incident.assists.map((a) => {
          const list = notes.get(a.dept) ?? [];
          return (
            <li key={a.dept} className="assist-part" data-dept={a.dept} data-done={!!a.doneAt} data-notes={a.notes}>
              <div className="assist-part-head">
                <span className="assist-part-dept">{lookups.department(a.dept) ?? a.dept}</span>
                {a.dept === ownDept && <span className="flag">{td('assist.ours')}</span>}
                <span className={`assist-state${a.doneAt ? ' assist-state-done' : ''}`} data-testid="assist-state">
                  {a.doneAt ? `✓ ${td('assist.done', { time: formatDateTime(a.doneAt) })}` : td('assist.working')}
                </span>
              </div>
              {list.length === 0 ? (
                a.notes === 0 && <p className="assist-none">{td('assist.noNotes')}</p>
              ) : (
                <ol className="assist-notes">
                  {list.map((n) => (
                    <li key={n.seq} className="assist-note" data-kind={n.kind}>
                      <span className="timeline-time">{formatDateTime(n.at)}</span>
                      {n.kind === 'assist_done' && <span className="chip chip-done">✓ {td('assist.finished')}</span>}
                      <span className="timeline-who">{n.who}</span>
                      {n.text && <p className="assist-note-text">{n.text}</p>}
                      {n.photos.length > 0 && <PhotoStrip photos={n.photos} />}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
