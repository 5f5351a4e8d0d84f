import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { isOverdue } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import type { GridCollection } from '../api/grids.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime, formatDuration } from '../i18n/format.ts';
import { escalationChief } from './AgendaList.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { useCaseDetail } from '../common/useCaseDetail.ts';
import { CaseNo } from '../common/CaseNo.tsx';
import { gridPlace } from './minutesText.ts';

// MapLibre is big: it loads with the first case opened, not with the page.
const CaseMap = lazy(() => import('../map/CaseMap.tsx'));

export interface CasePanelProps {
  caseId: string;
  /** The case as the live state holds it. */
  live: Incident | undefined;
  user: User;
  lookups: Lookups;
  grids: GridCollection | null;
  now: number;
  /** Put a case the server returned into the live state. */
  onApplied: (incident: Incident) => void;
  /** A decision was recorded (the case after it, and its note for the minutes). */
  onDecided: (incident: Incident, note: string) => void;
  onUnauthorized: () => void;
}

const newer = (a: Incident | undefined, b: Incident | undefined) => (!a ? b : !b ? a : b.version > a.version ? b : a);

/** The grid's responsible chief, which signed-in users get in the grids' GeoJSON. */
function gridChief(grids: GridCollection | null, code: string): string | null {
  const f = grids?.features.find((x) => x.properties.code === code);
  const chief = (f?.properties as { chief?: unknown } | undefined)?.chief;
  return typeof chief === 'string' && chief ? chief : null;
}

/** The selected agenda item: what and where, its record, its history, its map and the decision form. */
export function CasePanel({ caseId, live, user, lookups, grids, now, onApplied, onDecided, onUnauthorized }: CasePanelProps) {
  const { t, lang } = useI18n();
  const { detail, loading, error, reload } = useCaseDetail(caseId, live?.version, onUnauthorized);
  const c = newer(live, detail?.incident);
  const onConflict = useCallback(async () => {
    const d = await reload();
    if (d) onApplied(d.incident);
  }, [reload, onApplied]);
  const chiefs = useMemo(() => {
    if (!c) return [];
    return [...new Set([gridChief(grids, c.gridCode), c.responsibleChief].filter((x): x is string => !!x))];
  }, [grids, c]);

  if (!c) {
    return (
      <section className="mt-panel mt-case mt-case-empty" data-testid="case-panel">
        <p className="mt-empty">{error ? t('meeting.loadFailed', { message: error }) : t('meeting.loading')}</p>
      </section>
    );
  }

  const grid = lookups.grid(c.gridCode);
  const over = isOverdue(c, new Date(now)) && c.deadline ? now - Date.parse(c.deadline) : 0;
  return (
    <section className="mt-panel mt-case" data-testid="case-panel" data-case-id={c.id} aria-labelledby="mt-case-title">
      <header className="mt-case-head">
        <h2 className="mt-case-title" id="mt-case-title">
          {c.urgent && <span className="mt-urgent">{t('case.urgentShort')}</span>}
          {lookups.category(c.categoryCode) ?? c.categoryCode}
          <span className="mt-status mt-status-big" data-testid="case-status">
            {t(`status.${c.status}` as MessageKey)}
          </span>
        </h2>
        <CaseNo incident={c} className="mt-case-id" />
      </header>
      <dl className="mt-facts">
        <div>
          <dt>{t('meeting.where')}</dt>
          <dd>{grid ? `${grid.streetName} · ${gridPlace(grid, lookups.lang, ' · ')}` : c.gridCode}</dd>
        </div>
        <div>
          <dt>{t('meeting.dept')}</dt>
          <dd data-testid="case-dept">
            {lookups.department(c.leadDept) ?? t('meeting.noDept')}
            {c.assistDepts.length > 0 && ` ＋ ${c.assistDepts.map((d) => lookups.department(d) ?? d).join('、')}`}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.deadline')}</dt>
          <dd data-testid="case-deadline">
            {c.deadline ? formatDateTime(c.deadline) : '—'}
            {over > 0 && <strong className="mt-over"> {t('meeting.overdueBy', { duration: formatDuration(over, lang) })}</strong>}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.record')}</dt>
          <dd>
            {c.escalationLevel > 0
              ? t('meeting.escalation', { level: c.escalationLevel, chief: escalationChief(t, c.escalationLevel) })
              : t('meeting.notEscalated')}
            {' · '}
            {t('flag.returned', { n: c.returnCount })} · {t('flag.rework', { n: c.reworkCount })} ·{' '}
            {t('flag.extended', { n: c.extensionCount })}
          </dd>
        </div>
        {c.responsibleChief && (
          <div>
            <dt>{t('meeting.form.chief')}</dt>
            <dd>{c.responsibleChief}</dd>
          </div>
        )}
        <div className="mt-facts-wide">
          <dt>{t('meeting.description')}</dt>
          <dd className="mt-description">{c.description}</dd>
        </div>
      </dl>
      <div className="mt-case-body">
        <section className="mt-case-history" aria-label={t('case.timeline')}>
          <h3 className="mt-sub-title">{t('case.timeline')}</h3>
          <div className="mt-scroll">
            <CaseHistory history={detail?.history ?? null} lookups={lookups} loading={loading} />
          </div>
        </section>
        <div className="mt-case-side">
          <div className="mt-map-frame no-print">
            {grids ? (
              <Suspense fallback={<div className="mt-map-placeholder">{t('meeting.mapLoading')}</div>}>
                <CaseMap className="mt-map" grids={grids} incident={c} />
              </Suspense>
            ) : (
              <div className="mt-map-placeholder">{t('meeting.mapLoading')}</div>
            )}
          </div>
          <DecisionForm
            key={c.id}
            incident={c}
            user={user}
            lookups={lookups}
            chiefSuggestions={chiefs}
            onDecided={onDecided}
            onConflict={onConflict}
            onUnauthorized={onUnauthorized}
          />
        </div>
      </div>
    </section>
  );
}
