import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/dict.ts';
import { useWallI18n } from '../i18n/wall.ts';
import { filingSheetDataUrl } from './filingIcon.ts';
import { MARKER_KINDS } from './markerKinds.ts';
import { markerDataUrl } from './markerIcons.ts';
import { patrolPinDataUrl } from './patrolIcon.ts';

function Item({ symbol, children, testId }: { symbol: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <span className="legend-item" data-testid={testId}>
      {symbol}
      {children}
    </span>
  );
}

const swatch = (kind: string) => <span className={`legend-swatch legend-swatch-${kind}`} aria-hidden="true" />;
const icon = (src: string) => <img src={src} alt="" className="legend-icon" />;

/**
 * The key to the map's symbols, one per line down the map's left edge (in the room the map keeps
 * clear there): the case markers and clusters, the outlines and grid shading, the daily reports.
 * The patrol symbols have their own one-line key in the patrol card (`PatrolKey`).
 */
export function MapLegend({ className }: { className?: string }) {
  const { t, tw } = useWallI18n();
  // Most urgent first, as people read it.
  const kinds = [...MARKER_KINDS].reverse();
  return (
    <div className={className} aria-label={t('legend.title')} data-testid="map-legend">
      <div className="legend-group" data-testid="legend-cases">
        {kinds.map((kind) => (
          <Item key={kind} symbol={icon(markerDataUrl(kind))}>
            {t(`marker.${kind}` as MessageKey)}
          </Item>
        ))}
        <Item symbol={<span className="legend-cluster">3</span>}>{tw('wall.legend.cluster')}</Item>
      </div>
      <div className="legend-group" data-testid="legend-map">
        <Item symbol={swatch('street')}>{tw('wall.legend.street')}</Item>
        <Item symbol={swatch('community')}>{tw('wall.legend.community')}</Item>
        <Item symbol={swatch('open')}>{tw('wall.legend.gridOpen')}</Item>
        <Item symbol={swatch('overdue')}>{tw('wall.legend.gridOverdue')}</Item>
      </div>
      <div className="legend-group">
        <Item symbol={icon(filingSheetDataUrl())} testId="legend-filing-done">
          {tw('wall.legend.filingDone')}
        </Item>
        <Item symbol={swatch('filing-due')} testId="legend-filing-due">
          {tw('wall.legend.filingDue')}
        </Item>
      </div>
    </div>
  );
}

/** The patrol symbols on the map, on one line: staff (fresh, no signal), today's tracks, patrolled grids. */
export function PatrolKey({ className }: { className?: string }) {
  const { tw } = useWallI18n();
  return (
    <div className={className} data-testid="patrol-key">
      <Item symbol={icon(patrolPinDataUrl('fresh'))}>{tw('wall.legend.patrolFresh')}</Item>
      <Item symbol={icon(patrolPinDataUrl('stale'))}>{tw('wall.legend.patrolStale')}</Item>
      <Item symbol={swatch('track')}>{tw('wall.legend.track')}</Item>
      <Item symbol={swatch('patrolled')}>{tw('wall.legend.patrolled')}</Item>
    </div>
  );
}
