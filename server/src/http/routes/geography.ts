import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { Staff } from '@streetchief/shared';
import { dissolveBoundaries } from '@streetchief/shared/geo/boundaries';
import type { Reference } from '../../reference.ts';
import type { Store } from '../../store/store.ts';
import { listStaff } from '../../store/referenceRepo.ts';
import { notFound, parseOr400 } from '../errors.ts';
import { LocateQuerySchema } from '../routeSchemas.ts';

function groupByGrid(staff: Staff[]): Map<string, Staff[]> {
  const m = new Map<string, Staff[]>();
  for (const s of staff) m.set(s.gridCode, [...(m.get(s.gridCode) ?? []), s]);
  return m;
}

/** `{ [key]: name }` for a name that is there, else nothing (no `null`s in the GeoJSON properties). */
const english = <K extends string>(key: K, name: string | undefined): Partial<Record<K, string>> =>
  name ? ({ [key]: name } as Record<K, string>) : {};

/**
 * Community and street boundaries dissolved from the grids, as the JSON answer and its ETag:
 * computed once per loaded reference (an import loads a new one), kept as long as it is in use.
 */
const boundaries = new WeakMap<Reference, { body: string; etag: string }>();
function boundariesOf(ref: Reference): { body: string; etag: string } {
  let cached = boundaries.get(ref);
  if (!cached) {
    const body = JSON.stringify(dissolveBoundaries(ref));
    cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    boundaries.set(ref, cached);
  }
  return cached;
}

/** Grids as GeoJSON (public), their community and street boundaries (public), point → grid, and the case class catalogue (public). */
export function geographyRoutes(store: Store, getRef: () => Reference, disclaimer: () => string): Router {
  const r = Router();
  r.get('/api/grids', async (req, res) => {
    const ref = getRef();
    const communities = new Map(ref.communities.map((c) => [c.code, c]));
    const streets = new Map(ref.streets.map((s) => [s.code, s]));
    // Staff names and phones are personal data: only for signed-in users.
    const staff = req.user ? groupByGrid(await listStaff(store.db)) : null;
    let minLng = Infinity,
      minLat = Infinity,
      maxLng = -Infinity,
      maxLat = -Infinity;
    const features = ref.grids.map((g) => {
      for (const [x, y] of g.polygon[0] ?? []) {
        minLng = Math.min(minLng, x);
        maxLng = Math.max(maxLng, x);
        minLat = Math.min(minLat, y);
        maxLat = Math.max(maxLat, y);
      }
      return {
        type: 'Feature' as const,
        id: g.code,
        geometry: { type: 'Polygon' as const, coordinates: g.polygon },
        properties: {
          code: g.code,
          name: g.name,
          // English names only when the district has them; screens fall back to the Chinese ones.
          ...english('nameEn', g.nameEn),
          communityCode: g.communityCode,
          communityName: communities.get(g.communityCode)?.name ?? '',
          ...english('communityNameEn', communities.get(g.communityCode)?.nameEn),
          streetCode: g.streetCode,
          streetName: streets.get(g.streetCode)?.name ?? '',
          ...english('streetNameEn', streets.get(g.streetCode)?.nameEn),
          ...(staff ? { chief: g.chief, staff: (staff.get(g.code) ?? []).map(({ post, name, phone }) => ({ post, name, phone })) } : {}),
        },
      };
    });
    res.json({
      type: 'FeatureCollection',
      ...(ref.districtName ? { name: ref.districtName } : {}),
      disclaimer: disclaimer(),
      bbox: [minLng, minLat, maxLng, maxLat],
      features,
    });
  });
  r.get('/api/grids/boundaries', (req, res) => {
    const { body, etag } = boundariesOf(getRef());
    // Names and outlines of units only, the same for everyone: cacheable, revalidated each time
    // (an import changes it), answered 304 while unchanged.
    res.setHeader('Cache-Control', 'public, no-cache');
    res.setHeader('ETag', etag);
    if (req.fresh) return void res.status(304).end();
    res.type('application/json').send(body);
  });
  r.get('/api/grids/locate', (req, res) => {
    const { lng, lat } = parseOr400(LocateQuerySchema, req.query);
    const ref = getRef();
    const where = ref.locate(lng, lat);
    if (!where) throw notFound(`point (${lng}, ${lat}) is outside the district`);
    const g = ref.grid(where.gridCode);
    res.json({ ...where, name: g?.name ?? '' });
  });
  r.get('/api/categories', (_req, res) => {
    const ref = getRef();
    res.json({ classes: [...ref.classes.values()], departments: [...ref.departments.values()] });
  });
  return r;
}
