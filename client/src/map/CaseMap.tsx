import { useEffect, useRef } from 'react';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GridCollection } from '../api/grids.ts';
import { CaseMapController, type CaseLocation } from './caseMapController.ts';

export interface CaseMapProps {
  grids: GridCollection;
  incident: CaseLocation;
  className?: string;
}

/**
 * The case drawer's map. A default export so desks load it with `React.lazy`: MapLibre (about
 * 1 MB) arrives only when a case is first opened.
 */
export default function CaseMap({ grids, incident, className }: CaseMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<CaseMapController | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const c = new CaseMapController(container.current, grids);
    controller.current = c;
    return () => {
      controller.current = null;
      c.destroy();
    };
  }, [grids]);

  const { id, lng, lat, gridCode, status, deadline, lateAt, closedAt } = incident;
  useEffect(() => {
    controller.current?.show({ id, lng, lat, gridCode, status, deadline, lateAt, closedAt });
  }, [grids, id, lng, lat, gridCode, status, deadline, lateAt, closedAt]);

  return <div ref={container} className={className} data-testid="case-map" data-case={id} />;
}
