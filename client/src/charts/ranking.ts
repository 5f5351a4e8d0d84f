/** A row in a ranking: its place (shared on ties: 1, 2, 2, 4), or null when it has no figure. */
export interface Ranked<T> {
  row: T;
  rank: number | null;
  value: number | null;
}

/**
 * Orders units by a figure, best first (`desc`: higher is better), with competition ranks. Rows
 * without the figure (nothing due) come last, unranked; the unassigned bucket (key `''`, cases not
 * yet dispatched) is not a unit and is left out. Ties are broken by label for a stable order.
 */
export function rankBy<T extends { key: string; label: string }>(
  rows: readonly T[],
  value: (row: T) => number | null,
  direction: 'desc' | 'asc' = 'desc',
): Ranked<T>[] {
  const sign = direction === 'desc' ? -1 : 1;
  const items = rows.filter((r) => r.key !== '').map((row) => ({ row, value: value(row) }));
  items.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sign * (a.value - b.value) || a.row.label.localeCompare(b.row.label, 'zh-CN');
  });
  const out: Ranked<T>[] = [];
  items.forEach((item, i) => {
    const prev = out[i - 1];
    const rank = item.value === null ? null : prev && prev.value === item.value ? prev.rank : i + 1;
    out.push({ row: item.row, value: item.value, rank });
  });
  return out;
}

/** The best and the worst ranked units, named on the public page; null when fewer than two are ranked. */
export function bestAndWorst<T>(ranked: readonly Ranked<T>[]): { best: Ranked<T>; worst: Ranked<T> } | null {
  const withValue = ranked.filter((r) => r.rank !== null);
  if (withValue.length < 2) return null;
  const best = withValue[0]!;
  const worst = withValue[withValue.length - 1]!;
  return best.value === worst.value ? null : { best, worst };
}

/** A percentage figure for display: 93.72 → "93.7%", null → "—". */
export function formatRate(v: number | null, digits = 1): string {
  return v === null ? '—' : `${v.toFixed(digits)}%`;
}

/** A score for display: 87.5 → "87.5", null → "—". */
export function formatScore(v: number | null): string {
  return v === null ? '—' : v.toFixed(1);
}

/** A change in percentage points: +2.3 / −1.0 / 0.0; null when there is no previous figure. */
export function formatPoints(v: number | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = Math.abs(v).toFixed(1);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : '±0.0';
}
