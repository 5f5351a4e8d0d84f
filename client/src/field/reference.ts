import { useEffect, useMemo, useState } from 'react';
import { GridIndex } from '@streetchief/shared/geo/gridIndex';
import { localName } from '@streetchief/shared/domain/localName';
import { getCategories, type Categories } from '../api/categories.ts';
import { getGrids, type GridCollection } from '../api/grids.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { Connectivity } from './net/connectivity.ts';
import { kvGet, kvSet } from './outbox/idb.ts';

export interface FieldReference {
  categories: Categories | null;
  grids: GridCollection | null;
  /** Point → grid on the phone (no network needed). */
  index: GridIndex | null;
  gridName: (code: string | null | undefined) => string;
  className: (code: string) => string;
  deptName: (code: string | null | undefined) => string;
}

/** Loads one piece of reference data: the network first, the copy kept on the phone when offline (`fresh` false). */
async function cached<T>(key: string, load: () => Promise<T>): Promise<{ value: T | null; fresh: boolean }> {
  try {
    const value = await load();
    await kvSet(key, value).catch(() => {});
    return { value, fresh: true };
  } catch {
    return { value: (await kvGet<T>(key).catch(() => undefined)) ?? null, fresh: false };
  }
}

/** The case catalogue and the grids, kept on the phone so the app works with no signal. */
export function useFieldReference(net: Connectivity): FieldReference {
  const [categories, setCategories] = useState<Categories | null>(null);
  const [grids, setGrids] = useState<GridCollection | null>(null);
  const { lang } = useI18n();

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let fresh = false;
    const load = async () => {
      clearTimeout(timer);
      const [c, g] = await Promise.all([cached('categories', getCategories), cached('grids', getGrids)]);
      if (cancelled) return;
      if (c.value) setCategories(c.value);
      if (g.value) setGrids(g.value);
      fresh = c.fresh && g.fresh;
      // Nothing cached and no network: try again soon.
      if (!c.value || !g.value) timer = setTimeout(load, 10_000);
    };
    void load();
    // The server answers again after the phone's copy was used: fetch the current data.
    const offBack = net.onBack(() => {
      if (!fresh) void load();
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      offBack();
    };
  }, [net]);

  return useMemo(() => {
    const index = grids
      ? new GridIndex(
          grids.features.flatMap((f) =>
            f.geometry.type === 'Polygon' ? [{ code: f.properties.code, polygon: f.geometry.coordinates as [number, number][][] }] : [],
          ),
        )
      : null;
    const names = new Map(
      (grids?.features ?? []).map(({ properties: p }) => [
        p.code,
        // English grid names already say their community ("Dong'an Grid 03").
        lang === 'en' && p.nameEn ? p.nameEn : `${p.communityName} ${p.name.replace(p.communityName, '')}`.trim(),
      ]),
    );
    const classes = new Map((categories?.classes ?? []).map((c) => [c.code, localName(c, lang)]));
    const depts = new Map((categories?.departments ?? []).map((d) => [d.code, localName(d, lang)]));
    return {
      categories,
      grids,
      index,
      gridName: (code) => (code ? (names.get(code) ?? code) : ''),
      className: (code) => classes.get(code) ?? code,
      deptName: (code) => (code ? (depts.get(code) ?? code) : ''),
    };
  }, [categories, grids, lang]);
}
