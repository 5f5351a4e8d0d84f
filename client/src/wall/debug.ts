import type { FilingOverview } from '../api/filing.ts';
import type { EventSync } from '../sync/eventSync.ts';
import type { WallMapController } from '../map/wallMapController.ts';

/**
 * Read-only hooks for browser tests and for someone debugging a wall from the console:
 * `window.__wall.lastSeq()`, `.incidentIds()`, `.gridFeatureCount`, `.mapLoaded` …
 */
export interface WallDebug {
  /** Grid features the map has rendered (unique grid codes in the grid source's loaded tiles). */
  readonly gridFeatureCount: number;
  /** The map has its style, sources and layers. */
  readonly mapLoaded: boolean;
  /** Ids of all cases the wall holds (open, or active within the 30-day window). */
  incidentIds(): string[];
  /** The sequence number of the last event applied. */
  lastSeq(): number;
  /** Ids of the cases drawn as markers (open, plus closed today). */
  markerIds(): string[];
  /** Connection status and since when. */
  connection(): { status: string; since: number };
  /** The status of a case the wall holds (`closed`, `in_progress` …), or null when it holds none. */
  incidentStatus(id: string): string | null;
  /** The overdue halo's radius now (it pulses while a case is overdue), or null before the map loads. */
  haloRadius(): number | null;
  /** Grids the map marks as "every daily report filed today", read back from the map's feature state. */
  filedGrids(): string[];
  /** The daily-report figures per grid the wall last read (where someone is expected), and their day. */
  gridFiling(): { day: string | null; grids: { code: string; filed: number; expected: number }[] };
  /** The server's street and community outlines are drawn. */
  readonly boundariesShown: boolean;
  /** Text size of each of the map's name layers now, CSS px. */
  mapTextSizes(): Record<string, number>;
  /** The properties of what the map drew in `layer` (e.g. `community-label`, `incident-cluster`). */
  rendered(layer: string): Record<string, unknown>[];
  /** The same within a few pixels of a place. */
  renderedAt(layer: string, lng: number, lat: number): Record<string, unknown>[];
  /** The map's layer ids, bottom to top. */
  layerOrder(): string[];
}

declare global {
  interface Window {
    __wall?: WallDebug;
  }
}

/** Installs `window.__wall`; returns the uninstaller. */
export function installWallDebug(
  sync: EventSync,
  controller: () => WallMapController | null,
  filing: () => FilingOverview | null,
): () => void {
  const api = {} as WallDebug;
  Object.defineProperties(api, {
    gridFeatureCount: { enumerable: true, get: () => controller()?.gridFeatureCount ?? 0 },
    mapLoaded: { enumerable: true, get: () => controller()?.loaded ?? false },
    incidentIds: { enumerable: true, value: () => [...sync.getState().incidents.keys()] },
    lastSeq: { enumerable: true, value: () => sync.getState().lastSeq },
    markerIds: { enumerable: true, value: () => controller()?.markerIds() ?? [] },
    connection: { enumerable: true, value: () => ({ ...sync.getState().connection }) },
    incidentStatus: { enumerable: true, value: (id: string) => sync.getState().incidents.get(id)?.status ?? null },
    haloRadius: { enumerable: true, value: () => controller()?.haloRadius() ?? null },
    filedGrids: { enumerable: true, value: () => controller()?.filedGrids() ?? [] },
    boundariesShown: { enumerable: true, get: () => controller()?.boundariesShown ?? false },
    mapTextSizes: { enumerable: true, value: () => controller()?.textSizes() ?? {} },
    rendered: { enumerable: true, value: (layer: string) => controller()?.rendered(layer) ?? [] },
    renderedAt: { enumerable: true, value: (layer: string, lng: number, lat: number) => controller()?.renderedAt(layer, lng, lat) ?? [] },
    layerOrder: { enumerable: true, value: () => controller()?.layerOrder() ?? [] },
    gridFiling: {
      enumerable: true,
      value: () => {
        const o = filing();
        return { day: o?.day ?? null, grids: (o?.grids ?? []).map((g) => ({ code: g.gridCode, filed: g.filed, expected: g.expected })) };
      },
    },
  });
  Object.freeze(api);
  Object.defineProperty(window, '__wall', { value: api, configurable: true, enumerable: false, writable: false });
  return () => {
    if (window.__wall === api) delete window.__wall;
  };
}
