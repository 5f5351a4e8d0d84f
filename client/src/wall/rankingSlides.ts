import type { PublicStatsRow } from '../api/stats.ts';
import { formatRate, formatScore, rankBy } from '../charts/ranking.ts';

export interface SlideRow {
  key: string;
  rank: number | null;
  label: string;
  /** 0–100, for the bar. */
  value: number | null;
  display: string;
}

/** One view of the ranking carousel. */
export interface Slide {
  id: string;
  kind: 'departments' | 'streets';
  /** 1-based page of this ranking, and how many pages it has. */
  page: number;
  pages: number;
  rows: SlideRow[];
}

function paginate(kind: Slide['kind'], rows: SlideRow[], perPage: number): Slide[] {
  const n = Math.max(1, perPage);
  const pages = Math.max(1, Math.ceil(rows.length / n));
  const out: Slide[] = [];
  for (let p = 0; p < pages; p++) out.push({ id: `${kind}-${p + 1}`, kind, page: p + 1, pages, rows: rows.slice(p * n, p * n + n) });
  return out;
}

/**
 * The carousel's slides: departments by combined score, then streets by on-time closure rate,
 * each split into pages of as many rows as fit. Units with nothing due come last, unranked.
 */
export function buildSlides(departments: readonly PublicStatsRow[], streets: readonly PublicStatsRow[], perPage: number): Slide[] {
  const depts = rankBy(departments, (r) => r.score).map(({ row, rank, value }) => ({
    key: row.key,
    rank,
    label: row.label,
    value,
    display: formatScore(value),
  }));
  const sts = rankBy(streets, (r) => r.onTimeClosureRate).map(({ row, rank, value }) => ({
    key: row.key,
    rank,
    label: row.label,
    value,
    display: formatRate(value),
  }));
  return [...(depts.length ? paginate('departments', depts, perPage) : []), ...(sts.length ? paginate('streets', sts, perPage) : [])];
}
