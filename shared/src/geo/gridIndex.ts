import Flatbush from 'flatbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import type { PolygonCoords } from '../domain/district.ts';
import { polygonBBox, unionBBox, type BBox } from './polygon.ts';

/** What the index needs from a grid: its code and its polygon (a `Grid` fits). */
export interface IndexedArea {
  code: string;
  polygon: PolygonCoords;
}

/**
 * Point → grid lookup for a district: a static Flatbush R-tree over the grid bounding boxes narrows
 * the candidates, then an exact point-in-polygon test (turf, which uses robust predicates) decides.
 *
 * Boundary rule: a point on an edge or vertex shared by several grids belongs to the grid with the
 * smallest code (plain string order, which for same-length numeric codes is numeric order). Points
 * on the district's outer boundary count as inside. So every point of the district maps to exactly
 * one grid, the same one on every node and every run, independent of the input order.
 *
 * The index is immutable; build a new one when the geography changes (building 165 grids takes well
 * under a millisecond).
 */
export class GridIndex {
  /** Entries sorted by code: Flatbush item i is entries[i]. */
  readonly #entries: { code: string; geometry: Polygon; bbox: BBox }[];
  readonly #tree: Flatbush | null;
  readonly #byCode: Map<string, BBox>;
  readonly #bounds: BBox | null;

  /** @throws if two areas share a code or a polygon has no coordinates. */
  constructor(areas: readonly IndexedArea[]) {
    const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.#entries = sorted.map((area, i) => {
      if (i > 0 && sorted[i - 1]!.code === area.code) throw new Error(`duplicate grid code ${area.code}`);
      const bbox = polygonBBox(area.polygon);
      if (!bbox.every(Number.isFinite)) throw new Error(`grid ${area.code} has an empty polygon`);
      return { code: area.code, geometry: { type: 'Polygon', coordinates: area.polygon }, bbox };
    });
    // Flatbush refuses zero items; an empty district simply locates nothing.
    if (this.#entries.length === 0) {
      this.#tree = null;
    } else {
      const tree = new Flatbush(this.#entries.length);
      for (const { bbox } of this.#entries) tree.add(bbox[0], bbox[1], bbox[2], bbox[3]);
      tree.finish();
      this.#tree = tree;
    }
    this.#byCode = new Map(this.#entries.map((e) => [e.code, e.bbox]));
    this.#bounds = unionBBox(sorted.map((a) => a.polygon));
  }

  /** Number of indexed grids. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * The code of the grid containing the point, or `null` outside every grid (or for non-finite
   * input). Shared edges resolve to the smallest code, see the class comment.
   */
  locate(lng: number, lat: number): string | null {
    if (!this.#tree || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    // Flatbush returns indices in tree order; sort so the smallest code is tested first.
    const hits = this.#tree.search(lng, lat, lng, lat).sort((a, b) => a - b);
    for (const i of hits) {
      const entry = this.#entries[i]!;
      if (booleanPointInPolygon([lng, lat], entry.geometry)) return entry.code;
    }
    return null;
  }

  /** Codes of the grids whose bounding boxes touch a bbox (e.g. a map viewport), sorted by code. */
  search([minLng, minLat, maxLng, maxLat]: BBox): string[] {
    if (!this.#tree) return [];
    return this.#tree
      .search(minLng, minLat, maxLng, maxLat)
      .sort((a, b) => a - b)
      .map((i) => this.#entries[i]!.code);
  }

  /** Bounding box of the grid's polygon, or `null` for an unknown code. */
  gridBBox(code: string): BBox | null {
    const bbox = this.#byCode.get(code);
    return bbox ? [...bbox] : null;
  }

  /** Bounding box of the whole district `[minLng, minLat, maxLng, maxLat]`; `null` when empty. */
  bounds(): BBox | null {
    return this.#bounds ? [...this.#bounds] : null;
  }
}
