import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { filingSheetDataUrl } from './filingIcon.ts';
import { MARKER_KINDS } from './markerKinds.ts';
import { markerDataUrl } from './markerIcons.ts';

/** The key to the map's symbols: every marker with its name, the two grid styles and the daily-report marks. */
export function MapLegend({ className }: { className?: string }) {
  const { t } = useI18n();
  // Most urgent first, as people read it.
  const kinds = [...MARKER_KINDS].reverse();
  return (
    <div className={className} aria-label={t('legend.title')}>
      {kinds.map((kind) => (
        <span key={kind} className="legend-item">
          <img src={markerDataUrl(kind)} alt="" className="legend-icon" />
          {t(`marker.${kind}` as MessageKey)}
        </span>
      ))}
      <span className="legend-item">
        <span className="legend-swatch legend-swatch-open" />
        {t('legend.gridOpen')}
      </span>
      <span className="legend-item">
        <span className="legend-swatch legend-swatch-overdue" />
        {t('legend.gridOverdue')}
      </span>
      <span className="legend-item" data-testid="legend-filing-done">
        <img src={filingSheetDataUrl()} alt="" className="legend-icon" />
        {t('filing.legendDone')}
      </span>
      <span className="legend-item" data-testid="legend-filing-due">
        <span className="legend-swatch legend-swatch-filing-due" />
        {t('filing.legendDue')}
      </span>
    </div>
  );
}
