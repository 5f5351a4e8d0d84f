import { RankingCarousel } from './RankingCarousel.tsx';
import { TrendPanel } from './TrendPanel.tsx';
import { useWallFigures } from './useWallFigures.ts';
import './strip.css';

/** The wall's bottom strip under the map: the ranking carousel and the 30-day trend. */
export function WallStrip() {
  const figures = useWallFigures();
  return (
    <div className="wall-strip" data-testid="wall-strip">
      <RankingCarousel departments={figures.departments?.rows ?? []} streets={figures.streets?.rows ?? []} />
      <TrendPanel days={figures.trend} />
    </div>
  );
}
