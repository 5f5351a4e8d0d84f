import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSessionStatus, type SessionContext } from '../auth/SessionGate.tsx';
import { gridFilingMarks } from '../common/filing.ts';
import { useFilingStatus } from '../common/useFilingStatus.ts';
import { useAdminI18n } from '../i18n/admin.ts';
import { formatTime } from '../i18n/format.ts';
import { MapLegend } from '../map/MapLegend.tsx';
import { WallMap } from '../map/WallMap.tsx';
import type { WallMapController } from '../map/wallMapController.ts';
import { useLiveSync } from '../sync/useLiveSync.ts';
import { installWallDebug } from './debug.ts';
import { DepartmentPanel } from './DepartmentPanel.tsx';
import { EventTicker } from './EventTicker.tsx';
import { useNow } from '../common/useNow.ts';
import { KpiTiles } from './KpiTiles.tsx';
import { buildLookups } from '../common/lookups.ts';
import { buildWallModel } from './model.ts';
import { OverduePanel } from './OverduePanel.tsx';
import { PatrolCard } from './PatrolCard.tsx';
import { TodayPanel } from './TodayPanel.tsx';
import { usePatrolOverview } from './usePatrolOverview.ts';
import { useReference } from '../common/useReference.ts';
import { WallHeader } from './WallHeader.tsx';
import { WallStrip } from './WallStrip.tsx';
import './wall.css';

/** Derived numbers are recomputed on every event and at least this often (overdue is time-driven). */
const CLOCK_MS = 15_000;

/** Room the legend takes at the map's left edge (CSS px at 1920×1080); the district is fitted beside it. */
const LEGEND_WIDTH_PX = 150;

/** `/wall`: the command-centre big screen. */
export function WallPage({ onUnauthorized, epoch }: Pick<SessionContext, 'onUnauthorized' | 'epoch'>) {
  const { t, ta, lang } = useAdminI18n();
  const { signedOutSince } = useSessionStatus();
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;

  const patrols = usePatrolOverview(() => onUnauthorizedRef.current());
  // Today's daily reports (日巡日报): per street in the patrol card, per grid on the map.
  const filing = useFilingStatus(() => onUnauthorizedRef.current());
  const filingMarks = useMemo(() => gridFilingMarks(filing.overview), [filing.overview]);
  const filingRef = useRef({ overview: filing.overview, marks: filingMarks });
  filingRef.current = { overview: filing.overview, marks: filingMarks };
  const { sync, state } = useLiveSync({
    onUnauthorized: () => onUnauthorizedRef.current(),
    epoch,
    withRecentEvents: true,
    onPositions: patrols.onPositions,
  });
  const reference = useReference(() => onUnauthorizedRef.current());
  const lookups = useMemo(
    () => (reference.grids ? buildLookups(reference.grids, reference.categories, lang) : null),
    [reference.grids, reference.categories, lang],
  );
  const now = useNow(CLOCK_MS);
  // `state.revision` changes with every applied event; the Map inside is updated in place.
  const model = useMemo(
    () => (state.loaded ? buildWallModel(state.incidents, new Date(now), lookups) : null),
    [state.revision, state.loaded, now, lookups],
  );

  const controller = useRef<WallMapController | null>(null);
  const onController = useCallback((c: WallMapController | null) => {
    controller.current = c;
    c?.setFiling(filingRef.current.marks);
    patrols.attach(c?.map ?? null, () => c?.loaded ?? false);
  }, []);
  useEffect(() => controller.current?.setFiling(filingMarks), [filingMarks]);
  useEffect(
    () =>
      installWallDebug(
        sync,
        () => controller.current,
        () => filingRef.current.overview,
      ),
    [sync],
  );

  const { connection } = state;
  const district = reference.grids?.name ?? t('wall.defaultDistrict');
  const disclaimer = reference.grids?.disclaimer ?? t('disclaimer.default');

  let banner: { tone: 'offline' | 'info'; text: string } | null = null;
  // Signed out (session ended, display revoked): reconnecting cannot help, so the banner does not promise it.
  if (signedOutSince !== null) banner = { tone: 'offline', text: ta('wallAuth.notice') };
  else if (connection.status === 'offline')
    banner = { tone: 'offline', text: t('conn.bannerOffline', { time: formatTime(connection.since) }) };
  else if (!state.loaded) banner = { tone: 'info', text: state.error ? t('wall.loadFailed', { message: state.error }) : t('wall.loading') };

  return (
    <div className={`wall wall-${connection.status}`} data-testid="wall">
      <WallHeader district={district} disclaimer={disclaimer} connection={connection} />
      <div className="wall-body">
        <div className="wall-left">
          <TodayPanel model={model} />
          <DepartmentPanel rows={model?.byDepartment ?? []} lookups={lookups} />
        </div>
        <main className="wall-centre">
          <KpiTiles kpis={model?.kpis ?? null} />
          <div className="map-frame">
            {reference.grids ? (
              <WallMap className="map" grids={reference.grids} feed={sync} onController={onController} reserveLeft={LEGEND_WIDTH_PX} />
            ) : (
              <div className="map map-placeholder">
                {reference.error ? t('wall.loadFailed', { message: reference.error }) : t('wall.loading')}
              </div>
            )}
            <MapLegend className="legend" />
            <PatrolCard summary={patrols.summary} filing={filing.overview} />
            {banner && (
              <div className={`banner banner-${banner.tone}`} role="alert" data-testid="banner">
                {banner.text}
              </div>
            )}
          </div>
          <WallStrip />
        </main>
        <div className="wall-right">
          <OverduePanel overdue={model?.overdue ?? []} checkOverdue={model?.checkOverdue ?? 0} now={now} lookups={lookups} />
          <EventTicker events={state.ticker} lookups={lookups} />
        </div>
      </div>
    </div>
  );
}
