import { formatRate } from './ranking.ts';
import { useReportsI18n } from '../i18n/reports.ts';

/** The figures the line reads: a total row of the one indicator engine (/api/stats or /api/public/stats). */
export interface DistrictTotal {
  due: number;
  closed: number;
  closedOnTime: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
}

/**
 * The district's 结案率 and 按期结案率 of the period, named as on every screen (indicators/names),
 * from the engine's total row: /public, /meeting and the wall say the same figure for the same period.
 */
export function DistrictFigures({ total, className = '' }: { total: DistrictTotal | null; className?: string }) {
  const { tr, indicator } = useReportsI18n();
  return (
    <p
      className={`district-figures ${className}`}
      data-testid="district-figures"
      data-closure={total?.closureRate ?? ''}
      data-on-time={total?.onTimeClosureRate ?? ''}
    >
      <strong>
        {tr('district.line', {
          closureName: indicator('closureRate'),
          closure: formatRate(total?.closureRate ?? null),
          onTimeName: indicator('onTimeClosureRate'),
          onTime: formatRate(total?.onTimeClosureRate ?? null),
        })}
      </strong>
      {total && (
        <span className="district-counts">
          {tr('district.counts', { due: total.due, closed: total.closed, onTime: total.closedOnTime })}
        </span>
      )}
    </p>
  );
}
