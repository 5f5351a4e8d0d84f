import { useEffect, useRef, useState } from 'react';
import { formatRate } from '../charts/ranking.ts';
import { formatTime } from '../i18n/format.ts';
import { useWallI18n } from '../i18n/wall.ts';
import type { WallModel } from './model.ts';
import { periodDays } from '@streetchief/shared/calendar/presets';
import type { WallStats } from './useWallStats.ts';

const FLASH_MS = 2500;
/** Figures older than this (a refresh failed) say when they are from. */
const STALE_AFTER_MS = 3 * 60_000;

interface TileProps {
  label: string;
  /** The period the figure counts (今日, 当前, or the month's days). */
  period: string;
  /** The number compared for "did it change"; `null` shows a dash. */
  value: number | null;
  display: string;
  unit?: string;
  detail?: string;
  tone: 'info' | 'neutral' | 'alert' | 'warn' | 'good';
  testId: string;
  wide?: boolean;
}

/** A number tile naming its period, that flashes (and shows ▲/▼) for a moment when its value changes. */
function KpiTile({ label, period, value, display, unit, detail, tone, testId, wide }: TileProps) {
  const previous = useRef(value);
  const [flash, setFlash] = useState<{ n: number; dir: 'up' | 'down' } | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    if (before === value || before === null || value === null) return;
    setFlash((f) => ({ n: (f?.n ?? 0) + 1, dir: value > before ? 'up' : 'down' }));
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [value]);

  return (
    <div className={`kpi kpi-${tone}${flash ? ' kpi-flash' : ''}${wide ? ' kpi-wide' : ''}`} data-testid={testId} data-value={value ?? ''}>
      <div className="kpi-head">
        <span className="kpi-label">{label}</span>
        <span className="kpi-period" data-testid={`${testId}-period`}>
          {period}
        </span>
      </div>
      <div className="kpi-value" key={flash?.n ?? 0}>
        <span className="kpi-number">{display}</span>
        {unit && <span className="kpi-unit">{unit}</span>}
        {flash && <span className={`kpi-delta kpi-delta-${flash.dir}`}>{flash.dir === 'up' ? '▲' : '▼'}</span>}
      </div>
      {detail && <div className="kpi-detail">{detail}</div>}
    </div>
  );
}

/** As /public writes a rate (formatRate), without the % sign, which the tile sets smaller. */
const rateDisplay = (r: number | null | undefined) => (r === null || r === undefined ? null : formatRate(r).replace('%', ''));

/**
 * The six headline tiles, each with its period and the one definition every screen uses:
 * 今日上报 (today), 在办, 超期未结 and 预警 (now, from the cases the wall holds, by the shared
 * predicates), and 本月结案率 / 本月按期结案率 from the server's indicator engine (the figures
 * /public shows for the same period).
 */
export function KpiTiles({ model, stats, now }: { model: WallModel | null; stats: WallStats; now: number }) {
  const { t, tw, lang } = useWallI18n();
  const dash = t('kpi.none');
  const unit = t('unit.cases') || undefined;
  const k = model?.kpis;
  const total = stats.total;
  const month = stats.period ? periodDays(stats.period, lang, new Date(now)) : dash;
  const asOf =
    stats.stale && stats.fetchedAt !== null && now - stats.fetchedAt > STALE_AFTER_MS
      ? tw('wall.kpi.asOf', { time: formatTime(stats.fetchedAt).slice(0, 5) })
      : null;
  const rateDetail = (closed: number) =>
    asOf ?? (total && total.due > 0 ? tw('wall.kpi.rateDetail', { closed, due: total.due }) : total ? tw('wall.kpi.noneDue') : undefined);
  const closure = rateDisplay(total?.closureRate);
  const onTime = rateDisplay(total?.onTimeClosureRate);
  return (
    <section className="kpis" aria-label={tw('wall.kpi.reportsToday')}>
      <KpiTile
        testId="kpi-reports-today"
        tone="info"
        label={tw('wall.kpi.reportsToday')}
        period={tw('wall.period.today')}
        value={k?.reportsToday ?? null}
        display={k ? String(k.reportsToday) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-open"
        tone="neutral"
        label={tw('wall.kpi.open')}
        period={tw('wall.period.now')}
        value={k?.open ?? null}
        display={k ? String(k.open) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-overdue"
        tone={k && k.overdue > 0 ? 'alert' : 'neutral'}
        label={tw('wall.kpi.overdue')}
        period={tw('wall.period.now')}
        value={k?.overdue ?? null}
        display={k ? String(k.overdue) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-warning"
        tone={model && model.warnings.length > 0 ? 'warn' : 'neutral'}
        label={tw('wall.kpi.warning')}
        period={tw('wall.period.now')}
        value={model?.warnings.length ?? null}
        display={model ? String(model.warnings.length) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-closure-rate"
        tone="good"
        wide
        label={tw('wall.kpi.closureRate')}
        period={month}
        value={total?.closureRate ?? null}
        display={closure ?? dash}
        unit={closure === null ? undefined : '%'}
        detail={rateDetail(total?.closed ?? 0)}
      />
      <KpiTile
        testId="kpi-on-time-rate"
        tone="good"
        wide
        label={tw('wall.kpi.onTimeRate')}
        period={month}
        value={total?.onTimeClosureRate ?? null}
        display={onTime ?? dash}
        unit={onTime === null ? undefined : '%'}
        detail={rateDetail(total?.closedOnTime ?? 0)}
      />
    </section>
  );
}
