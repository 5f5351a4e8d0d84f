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
import { CaseQueue } from './CaseQueue.tsx';
import { EventTicker } from './EventTicker.tsx';
import { useNow } from '../common/useNow.ts';
import { KpiTiles } from './KpiTiles.tsx';
import { buildLookups } from '../common/lookups.ts';
import { buildWallModel } from './model.ts';
import { PatrolCard } from './PatrolCard.tsx';
import { RankingCarousel } from './RankingCarousel.tsx';
import { usePatrolOverview } from './usePatrolOverview.ts';
import { useReference } from '../common/useReference.ts';
import { useWallStats } from './useWallStats.ts';
import { WallHeader } from './WallHeader.tsx';
import './wall.css';

/** Derived numbers are recomputed on every event and at least this often (overdue is time-driven). */
const CLOCK_MS = 15_000;

/** Room the legend takes at the map's left edge (CSS px at 1920×1080); the district is fitted beside it. */
const LEGEND_WIDTH_PX = 150;

/**
 * `/wall`: the command-centre big screen, map first. The map fills the centre (over half the
 * screen); around it the KPI tiles, today's patrols and the rankings (left), the overdue and
 * warning queues and the live events (right). Every size is in rem, and rem follows the screen
 * (base.css), so 3840×2160 is the same picture at twice the size.
 */
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
  const stats = useWallStats(sync);
  const reference = useReference(() => onUnauthorizedRef.current());
  const lookups = useMemo(
    () => (reference.grids ? buildLookups(reference.grids, reference.categories, lang) : null),
    [reference.grids, reference.categories, lang],
  );
  // Rankings name departments by their short names (交警大队): the column is narrow.
  const departmentRows = useMemo(
    () =>
      stats.departments.map((r) => {
        const short = lookups?.departmentShort(r.key);
        return short && short !== r.key ? { ...r, label: short } : r;
      }),
    [stats.departments, lookups],
  );
  const now = useNow(CLOCK_MS);
  // `state.revision` changes with every applied event; the Map inside is updated in place.
  const model = useMemo(() => (state.loaded ? buildWallModel(state.incidents, new Date(now)) : null), [state.revision, state.loaded, now]);

  const controller = useRef<WallMapController | null>(null);
  const onController = useCallback((c: WallMapController | null) => {
    controller.current = c;
    c?.setFiling(filingRef.current.marks);
    patrols.attach(c ? () => c.patrolLayers() : null);
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
        <aside className="wall-left">
          <KpiTiles model={model} stats={stats} now={now} />
          <PatrolCard summary={patrols.summary} filing={filing.overview} lookups={lookups} />
          <RankingCarousel departments={departmentRows} streets={stats.streets} />
        </aside>
        <main className="wall-centre map-frame">
          {reference.grids ? (
            <WallMap
              className="map"
              grids={reference.grids}
              feed={sync}
              onController={onController}
              reserveLeft={LEGEND_WIDTH_PX}
              lang={lang}
            />
          ) : (
            <div className="map map-placeholder">
              {reference.error ? t('wall.loadFailed', { message: reference.error }) : t('wall.loading')}
            </div>
          )}
          <MapLegend className="legend" />
          {banner && (
            <div className={`banner banner-${banner.tone}`} role="alert" data-testid="banner">
              {banner.text}
            </div>
          )}
        </main>
        <aside className="wall-right">
          <CaseQueue kind="overdue" cases={model?.overdue ?? []} checkOverdue={model?.checkOverdue ?? 0} now={now} lookups={lookups} />
          <CaseQueue kind="warning" cases={model?.warnings ?? []} now={now} lookups={lookups} />
          <EventTicker events={state.ticker} lookups={lookups} />
        </aside>
      </div>
    </div>
  );
}
