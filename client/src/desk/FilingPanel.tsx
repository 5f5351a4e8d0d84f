import { useMemo, useState } from 'react';
import { dayBounds } from '@streetchief/shared/calendar/day';
import { filingTotals, groupByStreet, staffState, type StaffFilingState } from '../common/filing.ts';
import type { Lookups } from '../common/lookups.ts';
import type { FilingStatus } from '../common/useFilingStatus.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDate, formatTime } from '../i18n/format.ts';
import './filing.css';

/** HH:MM in Shanghai time. */
const hhmm = (t: string | number) => formatTime(t).slice(0, 5);

/**
 * The dispatch desk's 日报 view: today's daily reports (日巡日报) per street, then per grid, with
 * who filed (on time or late, and when) and who has not, the deadline and the counts. The data
 * comes from `useFilingStatus` (every minute, and when the day turns).
 */
export function FilingPanel({ status, lookups, now }: { status: FilingStatus; lookups: Lookups; now: number }) {
  const { t, lang } = useI18n();
  const [onlyDue, setOnlyDue] = useState(false);
  const { overview, error, loadedAt, refresh } = status;
  const streets = useMemo(() => groupByStreet(overview), [overview]);
  const totals = useMemo(() => filingTotals(overview), [overview]);
  const deadline = overview ? Date.parse(overview.deadline) : NaN;
  const passed = now > deadline;

  const personLabel = (state: StaffFilingState, filedAt: string | null): string => {
    switch (state) {
      case 'on_time':
        return t('filing.stateOnTime', { time: hhmm(filedAt!) });
      case 'late':
        return t('filing.stateLate', { time: hhmm(filedAt!) });
      case 'missing':
        return passed ? t('filing.stateOverdue') : t('filing.stateMissing');
    }
  };

  const shown = streets
    .map((s) => ({ ...s, grids: onlyDue ? s.grids.filter((g) => g.filed < g.expected) : s.grids }))
    .filter((s) => s.grids.length > 0);

  return (
    <section
      className={`filing${passed ? ' filing-passed' : ''}`}
      aria-label={t('filing.label')}
      data-testid="filing"
      data-day={overview?.day ?? ''}
      data-loaded-at={loadedAt ?? ''}
    >
      <header className="filing-head">
        <h2>{t('filing.title')}</h2>
        {overview && (
          <>
            <span className="filing-date">{formatDate(dayBounds(overview.day).start, lang)}</span>
            <span className={`filing-deadline${passed ? ' filing-deadline-passed' : ''}`} data-testid="filing-deadline">
              {passed ? t('filing.deadlinePassed', { time: hhmm(deadline) }) : t('filing.deadline', { time: hhmm(deadline) })}
            </span>
          </>
        )}
        <span className="filing-spacer" />
        {loadedAt !== null && <span className="filing-updated">{t('filing.updated', { time: formatTime(loadedAt) })}</span>}
        <label className="filing-toggle">
          <input type="checkbox" checked={onlyDue} onChange={(e) => setOnlyDue(e.target.checked)} data-testid="filing-only-due" />
          {t('filing.onlyDue')}
        </label>
        <button type="button" className="lang-toggle" onClick={refresh}>
          {t('filing.refresh')}
        </button>
      </header>
      {error && (
        <div className="filing-error" role="alert">
          {t('filing.loadFailed', { message: error })}
        </div>
      )}
      {overview && (
        <p className="filing-totals" data-testid="filing-totals" data-filed={totals.filed} data-expected={totals.expected}>
          <strong>{t('filing.people', { filed: totals.filed, expected: totals.expected })}</strong>
          <span className="filing-chip filing-chip-on_time">
            <i className="filing-mark" aria-hidden="true" />
            {t('filing.onTime', { n: totals.onTime })}
          </span>
          <span className="filing-chip filing-chip-late">
            <i className="filing-mark" aria-hidden="true" />
            {t('filing.late', { n: totals.late })}
          </span>
          <span className={`filing-chip filing-chip-missing${passed && totals.missing > 0 ? ' filing-chip-alert' : ''}`}>
            <i className="filing-mark" aria-hidden="true" />
            {t('filing.missing', { n: totals.missing })}
          </span>
          <span className="filing-chip">{t('filing.grids', { complete: totals.gridsComplete, expected: totals.gridsExpected })}</span>
        </p>
      )}
      <div className="filing-body">
        {!overview ? (
          <p className="filing-empty">{t('filing.loading')}</p>
        ) : streets.length === 0 ? (
          <p className="filing-empty">{t('filing.none')}</p>
        ) : shown.length === 0 ? (
          <p className="filing-empty">{t('filing.allDone')}</p>
        ) : (
          shown.map((s) => (
            <section key={s.streetCode} className="filing-street" data-street={s.streetCode}>
              <h3>
                {s.name}
                <span className="filing-street-figures">
                  {t('filing.people', { filed: s.filed, expected: s.expected })} ·{' '}
                  {t('filing.grids', { complete: s.gridsComplete, expected: s.gridsExpected })}
                </span>
              </h3>
              <table className="filing-table">
                <thead>
                  <tr>
                    <th scope="col">{t('filing.colGrid')}</th>
                    <th scope="col">{t('filing.colCount')}</th>
                    <th scope="col">{t('filing.colStaff')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.grids.map((g) => {
                    const complete = g.filed >= g.expected;
                    return (
                      <tr
                        key={g.gridCode}
                        className={complete ? 'filing-grid-done' : 'filing-grid-due'}
                        data-grid={g.gridCode}
                        data-complete={complete}
                      >
                        <th scope="row">
                          {lookups.grid(g.gridCode)?.name ?? g.gridCode}
                          <small>{g.gridCode}</small>
                        </th>
                        <td className="filing-count">
                          <i className="filing-grid-mark" aria-hidden="true" />
                          {g.filed}/{g.expected}
                          <small>{complete ? t('filing.complete') : t('filing.incomplete')}</small>
                        </td>
                        <td>
                          <ul className="filing-staff">
                            {g.staff.map((p) => {
                              const state = staffState(p);
                              return (
                                <li key={p.userId} className={`filing-person filing-chip-${state}`} data-user={p.userId} data-state={state}>
                                  <i className="filing-mark" aria-hidden="true" />
                                  <span className="filing-person-name">{p.name}</span>
                                  <span className="filing-person-state">{personLabel(state, p.filedAt)}</span>
                                </li>
                              );
                            })}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          ))
        )}
      </div>
    </section>
  );
}
