import { EARTH_RADIUS_M } from '../geo/polygon.ts';

const DEG = Math.PI / 180;

/** Great-circle distance in metres between two `[lng, lat]` points (haversine, spherical Earth). */
export function distanceM(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const dLat = (bLat - aLat) * DEG;
  const dLng = (bLng - aLng) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * DEG) * Math.cos(bLat * DEG) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A local flat projection around `lat0` in metres (equirectangular). Good to well under 1 % over
 * the few kilometres of a district, which is all that track simplification and sampling need.
 */
export function localProjection(lat0: number): { x: (lng: number) => number; y: (lat: number) => number } {
  const kx = EARTH_RADIUS_M * DEG * Math.cos(lat0 * DEG);
  const ky = EARTH_RADIUS_M * DEG;
  return { x: (lng) => lng * kx, y: (lat) => lat * ky };
}
