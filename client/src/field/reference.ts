import { useEffect, useMemo, useState } from 'react';
import { GridIndex } from '@streetchief/shared/geo/gridIndex';
import { getCategories, type Categories } from '../api/categories.ts';
import { getGrids, type GridCollection } from '../api/grids.ts';
import { kvGet, kvSet } from './outbox/idb.ts';

export interface FieldReference {
  categories: Categories | null;
  grids: GridCollection | null;
  /** Point → grid on the phone (no network needed). */
  index: GridIndex | null;
  gridName: (code: string | null | undefined) => string;
  className: (code: string) => string;
}

/** Loads one piece of reference data: the network first, the copy kept on the phone when offline. */
async function cached<T>(key: string, load: () => Promise<T>): Promise<T | null> {
  try {
    const value = await load();
    await kvSet(key, value).catch(() => {});
    return value;
  } catch {
    return (await kvGet<T>(key).catch(() => undefined)) ?? null;
  }
}

/** The case catalogue and the grids, kept on the phone so the app works with no signal. */
export function useFieldReference(): FieldReference {
  const [categories, setCategories] = useState<Categories | null>(null);
  const [grids, setGrids] = useState<GridCollection | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const [c, g] = await Promise.all([cached('categories', getCategories), cached('grids', getGrids)]);
      if (cancelled) return;
      if (c) setCategories(c);
      if (g) setGrids(g);
      // Nothing cached and no network: try again when the signal returns.
      if (!c || !g) timer = setTimeout(load, 10_000);
    };
    void load();
    const onOnline = () => void load();
    window.addEventListener('online', onOnline);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
    };
  }, []);

  return useMemo(() => {
    const index = grids
      ? new GridIndex(
          grids.features.flatMap((f) =>
            f.geometry.type === 'Polygon' ? [{ code: f.properties.code, polygon: f.geometry.coordinates as [number, number][][] }] : [],
          ),
        )
      : null;
    const names = new Map(
      (grids?.features ?? []).map((f) => [
        f.properties.code,
        `${f.properties.communityName} ${f.properties.name.replace(f.properties.communityName, '')}`.trim(),
      ]),
    );
    const classes = new Map((categories?.classes ?? []).map((c) => [c.code, c.name]));
    return {
      categories,
      grids,
      index,
      gridName: (code) => (code ? (names.get(code) ?? code) : ''),
      className: (code) => classes.get(code) ?? code,
    };
  }, [categories, grids]);
}
