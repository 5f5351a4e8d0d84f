import type { ReactNode } from 'react';
import type { PublicStatsRow } from '../api/stats.ts';
import { formatPoints, type Ranked } from '../charts/ranking.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface RankingColumn {
  key: string;
  head: string;
  value: (r: PublicStatsRow) => string;
  /** The column the ranking is by: emphasised. */
  main?: boolean;
}

export interface RankingTableProps {
  caption: ReactNode;
  unitHead: string;
  ranked: Ranked<PublicStatsRow>[];
  total: PublicStatsRow | null;
  columns: RankingColumn[];
  /** The change column: this figure's change in points against the previous period. */
  changeOf: keyof PublicStatsRow['change'] | string;
  testId: string;
}

/** A published ranking as a plain table: caption, column and row headers, the district total in the footer. */
export function RankingTable({ caption, unitHead, ranked, total, columns, changeOf, testId }: RankingTableProps) {
  const { t } = useI18n();
  const change = (r: PublicStatsRow) => {
    const v = formatPoints(r.change[changeOf]);
    if (v === null) return <span aria-label={t('public.noChange')}>—</span>;
    const dir = v.startsWith('+') ? 'up' : v.startsWith('−') ? 'down' : 'flat';
    return (
      <span className={`pub-change pub-change-${dir}`}>
        <span aria-hidden="true">{dir === 'up' ? '▲' : dir === 'down' ? '▼' : '＝'}</span> {v}
      </span>
    );
  };
  return (
    <div className="pub-table-wrap">
      <table className="pub-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="pub-num">
              {t('public.rank')}
            </th>
            <th scope="col">{unitHead}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.main ? 'pub-num pub-main' : 'pub-num'}>
                {c.head}
              </th>
            ))}
            <th scope="col" className="pub-num">
              {t('public.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.length === 0 && (
            <tr>
              <td colSpan={columns.length + 3}>{t('public.noRows')}</td>
            </tr>
          )}
          {ranked.map(({ row, rank }) => (
            <tr key={row.key}>
              <td className="pub-num">{rank ?? '—'}</td>
              <th scope="row">{row.label}</th>
              {columns.map((c) => (
                <td key={c.key} className={c.main ? 'pub-num pub-main' : 'pub-num'}>
                  {c.value(row)}
                </td>
              ))}
              <td className="pub-num">{change(row)}</td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t('public.total')}</th>
              {columns.map((c) => (
                <td key={c.key} className="pub-num">
                  {c.value(total)}
                </td>
              ))}
              <td className="pub-num">{change(total)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
