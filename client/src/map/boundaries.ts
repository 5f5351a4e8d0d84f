import type { BoundaryCollection, BoundaryFeature } from '@streetchief/shared/geo/boundaries';
import { requestJson } from '../api/http.ts';
import type { GridCollection } from '../api/grids.ts';
import { labelPoint } from './labels.ts';

export type { BoundaryCollection } from '@streetchief/shared/geo/boundaries';

/**
 * Name points for communities and streets computed here from the grids (the area-weighted mean
 * of their grids' centroids): the map shows the names at once, and keeps them if the server's
 * boundaries (outlines and better label points) cannot be had.
 */
export function fallbackBoundaries(grids: GridCollection): BoundaryCollection {
  const acc = new Map<
    string,
    { level: 'street' | 'community'; code: string; name: string; nameEn?: string; streetCode: string; x: number; y: number; w: number }
  >();
  for (const f of grids.features) {
    const p = f.properties;
    const c = labelPoint(f.geometry);
    const w = c.area || 1e-12;
    for (const [level, code, name, nameEn] of [
      ['street', p.streetCode, p.streetName, p.streetNameEn],
      ['community', p.communityCode, p.communityName, p.communityNameEn],
    ] as const) {
      const key = `${level}:${code}`;
      let a = acc.get(key);
      if (!a)
        acc.set(key, (a = { level, code, name: name || code, ...(nameEn ? { nameEn } : {}), streetCode: p.streetCode, x: 0, y: 0, w: 0 }));
      a.x += c.x * w;
      a.y += c.y * w;
      a.w += w;
    }
  }
  const features: BoundaryFeature[] = [...acc.values()].map((a) => ({
    type: 'Feature',
    id: `${a.level}-label:${a.code}`,
    geometry: { type: 'Point', coordinates: [a.x / a.w, a.y / a.w] },
    properties: {
      level: a.level,
      role: 'label',
      code: a.code,
      name: a.name,
      ...(a.nameEn ? { nameEn: a.nameEn } : {}),
      streetCode: a.streetCode,
      areaM2: 0,
    },
  }));
  return { type: 'FeatureCollection', features };
}

function isBoundaryCollection(v: unknown): v is BoundaryCollection {
  const c = v as BoundaryCollection | null;
  return (
    !!c &&
    c.type === 'FeatureCollection' &&
    Array.isArray(c.features) &&
    c.features.every(
      (f) =>
        f?.type === 'Feature' &&
        !!f.geometry &&
        typeof f.properties?.name === 'string' &&
        (f.properties.level === 'street' || f.properties.level === 'community') &&
        (f.properties.role === 'area' || f.properties.role === 'label'),
    )
  );
}

/** `GET /api/grids/boundaries` (public; cached by the browser and revalidated by ETag). */
export async function getBoundaries(signal?: AbortSignal): Promise<BoundaryCollection> {
  const body = await requestJson('/api/grids/boundaries', signal ? { signal } : {});
  if (!isBoundaryCollection(body)) throw new Error('boundaries: unexpected answer');
  return body;
}

/**
 * Loads the boundaries, trying again after a failure (2 s, 4 s … at most a minute apart) until
 * they arrive or `stop` is called: a wall that starts before its server recovers by itself.
 */
export function loadBoundaries(onLoaded: (b: BoundaryCollection) => void): { stop: () => void } {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (n: number) => {
    getBoundaries(controller.signal).then(
      (b) => {
        if (!controller.signal.aborted) onLoaded(b);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        console.warn('[map] boundaries not loaded, retrying', err);
        timer = setTimeout(() => attempt(n + 1), Math.min(60_000, 2000 * 2 ** n));
      },
    );
  };
  attempt(0);
  return {
    stop: () => {
      controller.abort();
      clearTimeout(timer);
    },
  };
}
