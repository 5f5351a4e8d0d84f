import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { markerDataUrl } from '../map/markerIcons.ts';
import type { MarkerKind } from '../map/markerKinds.ts';
import type { WallModel } from './model.ts';

/** The map marker that stands for an open stage, so the list and the map speak the same symbols. */
const STAGE_MARKER: Record<string, MarkerKind> = {
  reported: 'reported',
  registered: 'pending',
  dispatched: 'pending',
  in_progress: 'in_progress',
  handled: 'handled',
  parked: 'parked',
};

function Bars({ rows, testId }: { rows: { key: string; label: string; count: number }[]; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="bars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} className="bar-row">
          <span className="bar-label">{r.label}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${(r.count / max) * 100}%` }} />
          </span>
          <span className="bar-count">{r.count}</span>
        </li>
      ))}
    </ul>
  );
}

/** Left column: today's reports by source and by street, and where the open cases stand. */
export function TodayPanel({ model }: { model: WallModel | null }) {
  const { t } = useI18n();
  return (
    <aside className="panel panel-today">
      <h2 className="panel-title">
        {t('today.title')}
        <span className="panel-count">{model ? model.kpis.reportsToday : '—'}</span>
      </h2>
      <h3 className="panel-subtitle">{t('today.bySource')}</h3>
      <Bars
        testId="today-by-source"
        rows={(model?.bySource ?? []).map((r) => ({ key: r.source, label: t(`source.${r.source}` as MessageKey), count: r.count }))}
      />
      <h3 className="panel-subtitle">{t('today.byStreet')}</h3>
      <Bars testId="today-by-street" rows={(model?.byStreet ?? []).map((r) => ({ key: r.code, label: r.name, count: r.count }))} />
      <h3 className="panel-subtitle">{t('today.pipeline')}</h3>
      <ul className="pipeline" data-testid="pipeline">
        {(model?.pipeline ?? []).map((r) => (
          <li key={r.status} className="pipeline-row">
            <img className="pipeline-icon" src={markerDataUrl(STAGE_MARKER[r.status] ?? 'pending')} alt="" />
            <span className="pipeline-label">{t(`status.${r.status}` as MessageKey)}</span>
            <span className="pipeline-count">{r.count}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
