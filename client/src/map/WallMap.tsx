import { useEffect, useRef } from 'react';
// Only the rules a non-interactive map uses, not MapLibre's whole stylesheet (see the file).
import './maplibre-wall.css';
import type { GridCollection } from '../api/grids.ts';
import { WallMapController, type IncidentFeed } from './wallMapController.ts';

declare global {
  interface Window {
    /** Injected by the server's /config.js; `basemapStyle` is a style URL for sites with a tile server. */
    __STREETCHIEF_CONFIG__?: { basemapStyle?: string | null };
  }
}

export interface WallMapProps {
  grids: GridCollection;
  feed: IncidentFeed;
  /** Receives the controller once the map exists (and `null` when it goes), for debug hooks. */
  onController?: (controller: WallMapController | null) => void;
  className?: string;
  /** CSS px (at 1920×1080) kept clear at the left edge, e.g. for a legend. */
  reserveLeft?: number;
  /** CSS px (at 1920×1080) kept clear at the bottom edge, e.g. for a legend. */
  reserveBottom?: number;
  /** The language of the map's names; a change relabels the map, it does not rebuild it. */
  lang?: 'zh-CN' | 'en';
}

/** The MapLibre map of the wall. Created once per grid set; live changes go through the controller. */
export function WallMap({ grids, feed, onController, className, reserveLeft = 0, reserveBottom = 0, lang = 'zh-CN' }: WallMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<WallMapController | null>(null);
  const langRef = useRef(lang);
  langRef.current = lang;
  const onControllerRef = useRef(onController);
  onControllerRef.current = onController;

  useEffect(() => {
    if (!container.current) return;
    const controller = new WallMapController({
      container: container.current,
      grids,
      feed,
      basemapStyle: window.__STREETCHIEF_CONFIG__?.basemapStyle ?? null,
      reserveLeft,
      reserveBottom,
      lang: langRef.current,
    });
    controllerRef.current = controller;
    onControllerRef.current?.(controller);
    return () => {
      controllerRef.current = null;
      onControllerRef.current?.(null);
      controller.destroy();
    };
  }, [grids, feed, reserveLeft, reserveBottom]);
  useEffect(() => controllerRef.current?.setLanguage(lang), [lang]);

  return <div ref={container} className={className} data-testid="wall-map" />;
}
