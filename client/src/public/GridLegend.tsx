import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { classCounts, CLOSURE_CLASSES, NO_DATA_COLOUR } from './mapClasses.ts';

/** The map's key: each closure-rate class with its range and how many grids are in it. Printed too. */
export function GridLegend({ rates, gridCount }: { rates: ReadonlyMap<string, number | null>; gridCount: number }) {
  const { t } = useI18n();
  const { counts, none } = useMemo(() => classCounts(rates.values()), [rates]);
  // Grids the figures do not list at all have nothing due either.
  const noFigure = none + Math.max(0, gridCount - rates.size);
  return (
    <table className="pub-table pub-legend" data-testid="map-legend">
      <caption>{t('public.legendTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('public.legendClass')}</th>
          <th scope="col" className="pub-num">
            {t('public.legendGrids')}
          </th>
        </tr>
      </thead>
      <tbody>
        {[...CLOSURE_CLASSES].reverse().map((c) => {
          const i = CLOSURE_CLASSES.indexOf(c);
          const range = c.max === null ? `${c.min}%` : t('public.legendRange', { min: c.min, max: c.max });
          return (
            <tr key={c.min}>
              <th scope="row">
                <span className="pub-swatch" style={{ background: c.colour }} aria-hidden="true" /> {range}
              </th>
              <td className="pub-num">{counts[i]}</td>
            </tr>
          );
        })}
        <tr>
          <th scope="row">
            <span className="pub-swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" /> {t('public.legendNone')}
          </th>
          <td className="pub-num">{noFigure}</td>
        </tr>
      </tbody>
    </table>
  );
}
