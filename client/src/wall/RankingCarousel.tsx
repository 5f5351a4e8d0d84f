import { useEffect, useMemo, useState } from 'react';
import type { PublicStatsRow } from '../api/stats.ts';
import { useWallI18n } from '../i18n/wall.ts';
import { useFitCount } from './hooks.ts';
import { buildSlides } from './rankingSlides.ts';

/** Height of one ranking row, rem (keep in step with `.rank-row` in wall.css). */
const ROW_REM = 1.9;
/** Each slide stays this long. */
export const SLIDE_MS = 10_000;

/**
 * The ranking carousel: departments by combined score, then streets by on-time closure rate, for
 * the same period as the rate tiles (本月), as many rows per slide as fit, one slide every 10 s.
 * Each row's bar is drawn behind its name, so names get the whole width.
 */
export function RankingCarousel({ departments, streets }: { departments: readonly PublicStatsRow[]; streets: readonly PublicStatsRow[] }) {
  const { tw } = useWallI18n();
  const [listRef, fit] = useFitCount<HTMLOListElement>(ROW_REM);
  const slides = useMemo(() => buildSlides(departments, streets, fit), [departments, streets, fit]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => (n + 1) % 1_000_000), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const slide = slides.length ? slides[tick % slides.length]! : null;
  const title = slide?.kind === 'streets' ? tw('wall.rank.streets') : tw('wall.rank.departments');

  return (
    <section className="panel panel-ranking" data-testid="ranking-carousel" data-slide={slide?.id ?? ''}>
      <h2 className="panel-title">
        <span>{title}</span>
        <span className="rank-period">{tw('wall.rank.period')}</span>
        {slide && slide.pages > 1 && (
          <span className="rank-page">
            {slide.page}/{slide.pages}
          </span>
        )}
      </h2>
      <ol className="rank-list" ref={listRef}>
        {!slide && <li className="empty">{tw('wall.rank.loading')}</li>}
        {slide?.rows.map((r) => (
          <li key={r.key} className="rank-row">
            <span className="rank-bar" style={{ width: `${Math.max(0, Math.min(100, r.value ?? 0))}%` }} aria-hidden="true" />
            <span className={r.rank !== null && r.rank <= 3 ? `rank-no rank-no-top` : 'rank-no'}>{r.rank ?? '—'}</span>
            <span className="rank-name">{r.label}</span>
            <span className="rank-value">{r.display}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
