import { formatDateTime } from '../../i18n/format.ts';
import { useFieldI18n } from '../../i18n/field.ts';
import type { FieldReference } from '../reference.ts';
import { DUPLICATE_WORDS, earlierBy, type DuplicateNotice } from './possibleDuplicates.ts';

const UNIT_KEY = { seconds: 'fieldx.dup.mineSeconds', minutes: 'fieldx.dup.mineMinutes', hours: 'fieldx.dup.mineHours' } as const;

/**
 * 可能重复: after the server accepted a report, the open cases it found of the same class close
 * by, with their numbers and distance, and "you reported it N s earlier" for the reporter's own.
 * Not modal: the report is in, nothing waits on the answer; the dispatcher merges.
 */
export function DuplicateNotices({
  notices,
  reference,
  onDismiss,
}: {
  notices: readonly DuplicateNotice[];
  reference: FieldReference;
  onDismiss: () => void;
}) {
  const { tf } = useFieldI18n();
  if (notices.length === 0) return null;
  return (
    <section className="field-dup-notice" role="status" aria-labelledby="dup-notice-title" data-testid="possible-duplicates">
      <h2 id="dup-notice-title">⚠ {tf('fieldx.dup.title')}</h2>
      {notices.map((n) => (
        <div key={n.incidentId} className="field-dup-report" data-case-no={n.caseNo ?? ''}>
          <p>{tf('fieldx.dup.lead', { no: n.caseNo ?? reference.className(n.categoryCode), ...DUPLICATE_WORDS })}</p>
          <ul>
            {n.list.map((d) => {
              const ago = earlierBy(n.reportedAt, d.reportedAt);
              return (
                <li key={d.id} data-testid="possible-duplicate" data-case-no={d.caseNo ?? ''} data-same-reporter={d.sameReporter}>
                  <strong className="case-no">{d.caseNo ?? '—'}</strong>
                  <span>{tf('fieldx.dup.distance', { m: Math.round(d.distanceM) })}</span>
                  <span>
                    {d.sameReporter ? tf(UNIT_KEY[ago.unit], { n: ago.n }) : tf('fieldx.dup.other', { time: formatDateTime(d.reportedAt) })}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      <p className="field-note">{tf('fieldx.dup.note')}</p>
      <button type="button" className="field-secondary field-wide" onClick={onDismiss} data-testid="possible-duplicates-ok">
        {tf('fieldx.dup.ok')}
      </button>
    </section>
  );
}
