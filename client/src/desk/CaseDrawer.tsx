import { lazy, Suspense, useCallback } from 'react';
import { isCheckOverdue, type Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import type { GridCollection } from '../api/grids.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { useNow } from '../common/useNow.ts';
import { ActionBar } from './ActionBar.tsx';
import { AssistProgress } from './AssistProgress.tsx';
import { LiveCountdown } from './Countdown.tsx';
import { DuplicateList } from './DuplicateList.tsx';
import { LateMark } from './LateMark.tsx';
import { PhotoStrip } from './PhotoStrip.tsx';
import { Timeline } from './Timeline.tsx';
import { useCaseActions } from './useCaseActions.ts';
import { useCaseDetail } from '../common/useCaseDetail.ts';
import { CaseNo } from '../common/CaseNo.tsx';

// MapLibre is big: it loads with the first case opened, not with the page.
const CaseMap = lazy(() => import('../map/CaseMap.tsx'));

export interface CaseDrawerProps {
  user: User;
  /** The case as the live state holds it (undefined when it left this user's view). */
  live: Incident | undefined;
  caseId: string;
  lookups: Lookups;
  grids: GridCollection | null;
  /** Put a case the server returned into the live state (the queues move at once). */
  onApplied: (c: Incident) => void;
  onUnauthorized: () => void;
  onClose: () => void;
  /** Open another case (a possible duplicate's number). */
  onOpen: (id: string) => void;
  keyboard: boolean;
}

/** The newer of two copies of a case. */
function newer(a: Incident | undefined, b: Incident | undefined): Incident | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

/**
 * The open case: what and where, its deadline, the actions this user may take, the map with its
 * grid, the photos and the full timeline. The timeline is fetched again whenever a newer version of
 * the case arrives live.
 */
export function CaseDrawer({ user, live, caseId, lookups, grids, onApplied, onUnauthorized, onClose, onOpen, keyboard }: CaseDrawerProps) {
  const { t } = useI18n();
  const { detail, loading, error, reload } = useCaseDetail(caseId, live?.version, onUnauthorized);
  const onConflict = useCallback(async () => {
    const d = await reload();
    if (d) onApplied(d.incident);
  }, [reload, onApplied]);
  const actions = useCaseActions({ onApplied, onConflict, onUnauthorized });
  const c = newer(live, detail?.incident);

  if (!c) {
    return (
      <section className="drawer drawer-empty" data-testid="drawer">
        <p>{error ? t('desk.loadFailed', { message: error }) : t('desk.loading')}</p>
      </section>
    );
  }
  const grid = lookups.grid(c.gridCode);
  const cls = lookups.caseClass(c.categoryCode);
  return (
    <section
      className="drawer"
      data-testid="drawer"
      data-id={c.id}
      data-status={c.status}
      data-version={c.version}
      aria-label={t('desk.case')}
    >
      <header className="drawer-header">
        <div className="drawer-title">
          {c.urgent && <span className="badge badge-urgent">{t('case.urgent')}</span>}
          <CaseNo incident={c} className="drawer-case-no" />
          <h2>{lookups.category(c.categoryCode) ?? c.categoryCode}</h2>
          <span className="drawer-major">
            {cls ? `${t(`caseKind.${cls.kind}` as MessageKey)} · ${lookups.classMajor(c.categoryCode)}` : ''}
          </span>
          <span className={`status status-${c.status}`} data-testid="drawer-status">
            {t(`status.${c.status}` as MessageKey)}
          </span>
          <LiveCountdown incident={c} />
          <LiveLateMark incident={c} />
        </div>
        <button type="button" className="drawer-close" onClick={onClose} aria-label={t('desk.close')}>
          × <kbd>Esc</kbd>
        </button>
      </header>
      <dl className="drawer-meta">
        <div>
          <dt>{t('case.where')}</dt>
          <dd>{grid ? `${grid.streetName} · ${grid.name}` : c.gridCode}</dd>
        </div>
        <div>
          <dt>{t('case.reported')}</dt>
          <dd>
            {formatDateTime(c.reportedAt)} · {t(`source.${c.source}` as MessageKey)}
          </dd>
        </div>
        <div>
          <dt>{t('case.deadline')}</dt>
          <dd>{c.deadline ? formatDateTime(c.deadline) : '—'}</dd>
        </div>
        <div className="drawer-meta-wide">
          <dt>{t('case.dept')}</dt>
          <dd>
            {c.leadDept
              ? lookups.department(c.leadDept)
              : cls
                ? t('case.suggestedDept', { dept: lookups.department(cls.departmentCode) ?? '' })
                : '—'}
            {c.assistDepts.length > 0 && ` · ${t('case.assist')} ${c.assistDepts.map((d) => lookups.department(d)).join('、')}`}
          </dd>
        </div>
        {(c.returnCount > 0 || c.reworkCount > 0 || c.extensionCount > 0 || c.escalationLevel > 0) && (
          <div>
            <dt>{t('case.flags')}</dt>
            <dd className="drawer-flags">
              {c.returnCount > 0 && <span className="flag flag-back">{t('flag.returned', { n: c.returnCount })}</span>}
              {c.reworkCount > 0 && <span className="flag flag-back">{t('flag.rework', { n: c.reworkCount })}</span>}
              {c.extensionCount > 0 && <span className="flag">{t('flag.extended', { n: c.extensionCount })}</span>}
              {c.escalationLevel > 0 && <span className="flag flag-alert">{t('flag.escalated', { n: c.escalationLevel })}</span>}
            </dd>
          </div>
        )}
        {c.status === 'handled' && c.checkDueAt && (
          <div>
            <dt>{t('case.checkDue')}</dt>
            <dd>
              {formatDateTime(c.checkDueAt)}
              {isCheckOverdue(c, new Date()) && <span className="flag flag-alert">{t('flag.checkOverdue')}</span>}
              {c.checkerId && <span className="flag">{t('flag.checkAssigned')}</span>}
            </dd>
          </div>
        )}
        {c.responsibleChief && (
          <div>
            <dt>{t('case.responsibleChief')}</dt>
            <dd>{c.responsibleChief}</dd>
          </div>
        )}
        {c.extension && (
          <div className="drawer-extension">
            <dt>{t('case.extensionAsked')}</dt>
            <dd>
              {t('timeline.extensionUntil', { time: formatDateTime(c.extension.until) })} · {c.extension.reason}
            </dd>
          </div>
        )}
      </dl>
      <p className="drawer-description">{c.description}</p>
      <DuplicateList user={user} incident={c} actions={actions} onOpen={onOpen} />
      <ActionBar user={user} incident={c} lookups={lookups} actions={actions} keyboard={keyboard} />
      <AssistProgress incident={c} history={detail?.history ?? null} lookups={lookups} ownDept={user.departmentCode} />
      <div className="drawer-body">
        <div className="drawer-side">
          {grids ? (
            <Suspense fallback={<div className="case-map case-map-loading">{t('desk.mapLoading')}</div>}>
              <CaseMap className="case-map" grids={grids} incident={c} />
            </Suspense>
          ) : (
            <div className="case-map case-map-loading">{t('desk.mapLoading')}</div>
          )}
          <h3>{t('case.photos')}</h3>
          <PhotoStrip photos={c.photos} emptyText={t('case.noPhotos')} />
        </div>
        <div className="drawer-timeline">
          <h3>
            {t('case.timeline')}
            {loading && <span className="timeline-loading"> · {t('desk.refreshing')}</span>}
          </h3>
          <Timeline history={detail?.history ?? null} lookups={lookups} loading={loading} />
        </div>
      </div>
    </section>
  );
}

/** The late mark (已超期 / 曾超期) with its own clock: a deadline passes while the drawer is open. */
function LiveLateMark({ incident }: { incident: Incident }) {
  const now = useNow(15_000);
  return <LateMark incident={incident} now={now} />;
}
