import { useEffect, useRef, useState } from 'react';
import type { WallKpis } from '@streetchief/shared/indicators/wall';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatPercent } from '../i18n/format.ts';

const FLASH_MS = 2500;

interface TileProps {
  label: string;
  /** The number compared for "did it change"; `null` shows a dash. */
  value: number | null;
  display: string;
  unit?: string;
  detail?: string;
  tone: 'info' | 'neutral' | 'alert' | 'good';
  testId: string;
}

/** A number tile that flashes (and shows ▲/▼) for a moment when its value changes. */
function KpiTile({ label, value, display, unit, detail, tone, testId }: TileProps) {
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
    <div className={`kpi kpi-${tone}${flash ? ' kpi-flash' : ''}`} data-testid={testId}>
      <div className="kpi-head">
        <span className="kpi-label">{label}</span>
        {detail && <span className="kpi-detail">{detail}</span>}
      </div>
      <div className="kpi-value" key={flash?.n ?? 0}>
        <span className="kpi-number">{display}</span>
        {unit && <span className="kpi-unit">{unit}</span>}
        {flash && <span className={`kpi-delta kpi-delta-${flash.dir}`}>{flash.dir === 'up' ? '▲' : '▼'}</span>}
      </div>
    </div>
  );
}

/** The four headline tiles: reports today, open, overdue, closure rate. */
export function KpiTiles({ kpis }: { kpis: WallKpis | null }) {
  const { t } = useI18n();
  const dash = t('kpi.none');
  const unit = t('unit.cases') || undefined;
  const rate = kpis?.closureRate ?? null;
  return (
    <section className="kpis">
      <KpiTile
        testId="kpi-reports-today"
        tone="info"
        label={t('kpi.reportsToday')}
        value={kpis?.reportsToday ?? null}
        display={kpis ? String(kpis.reportsToday) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-open"
        tone="neutral"
        label={t('kpi.open')}
        value={kpis?.open ?? null}
        display={kpis ? String(kpis.open) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-overdue"
        tone={kpis && kpis.overdue > 0 ? 'alert' : 'neutral'}
        label={t('kpi.overdue')}
        value={kpis?.overdue ?? null}
        display={kpis ? String(kpis.overdue) : dash}
        unit={unit}
      />
      <KpiTile
        testId="kpi-closure-rate"
        tone="good"
        label={t('kpi.closureRate')}
        value={rate === null ? null : Math.round(rate * 1000)}
        display={rate === null ? dash : formatPercent(rate).replace('%', '')}
        unit={rate === null ? undefined : '%'}
        detail={kpis && kpis.dueForClosure > 0 ? t('kpi.closureRateDetail', { closed: kpis.closed, due: kpis.dueForClosure }) : undefined}
      />
    </section>
  );
}
