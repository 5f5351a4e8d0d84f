import { useEffect, useMemo, useState } from 'react';
import type { PublicStatsRow } from '../api/stats.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFitCount } from './hooks.ts';
import { buildSlides } from './rankingSlides.ts';

/** Height of one ranking row, rem (keep in step with `.rank-row` in strip.css). */
const ROW_REM = 1.6;
/** Each slide stays this long. */
export const SLIDE_MS = 10_000;

/**
 * Bottom strip, left: the ranking carousel. Departments by combined score, then streets by on-time
 * closure rate (last 30 days), as many rows per slide as fit, one slide every 10 s.
 */
export function RankingCarousel({ departments, streets }: { departments: readonly PublicStatsRow[]; streets: readonly PublicStatsRow[] }) {
  const { t } = useI18n();
  const [listRef, fit] = useFitCount<HTMLOListElement>(ROW_REM);
  const slides = useMemo(() => buildSlides(departments, streets, fit), [departments, streets, fit]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => (n + 1) % 1_000_000), SLIDE_MS);
    return () => clearInterval(timer);
  }, []);
  const slide = slides.length ? slides[tick % slides.length]! : null;
  const title = slide?.kind === 'streets' ? t('wallStrip.streets') : t('wallStrip.departments');

  return (
    <section className="panel panel-ranking" data-testid="ranking-carousel" data-slide={slide?.id ?? ''}>
      <h2 className="panel-title">
        {title}
        <span className="rank-period">{t('wallStrip.period')}</span>
        <span className="rank-meta">
          {slide && slide.pages > 1 && (
            <span className="rank-page">
              {slide.page}/{slide.pages}
            </span>
          )}
          <span className="rank-dots" aria-hidden="true">
            {slides.map((s) => (
              <span key={s.id} className={s.id === slide?.id ? 'rank-dot rank-dot-on' : 'rank-dot'} />
            ))}
          </span>
        </span>
      </h2>
      <ol className="rank-list" ref={listRef}>
        {!slide && <li className="empty">{t('wallStrip.loading')}</li>}
        {slide?.rows.map((r) => (
          <li key={r.key} className="rank-row">
            <span className={r.rank !== null && r.rank <= 3 ? `rank-no rank-no-top` : 'rank-no'}>{r.rank ?? '—'}</span>
            <span className="rank-name">{r.label}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, r.value ?? 0))}%` }} />
            </span>
            <span className="rank-value">{r.display}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
