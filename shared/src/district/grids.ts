import type { PolygonCoords } from '../domain/district.ts';
import type { Rng } from './random.ts';
import type { CellBlock } from './layout.ts';

/** A lattice cell, by column (from the west) and row (from the north). */
export interface Cell {
  col: number;
  row: number;
}

/**
 * Largest jitter of a lattice vertex, as a fraction of the cell size along each axis. Below 0.25
 * every quadrilateral stays convex: in cell units each corner's cross product is at least
 * (1 − 2j)² − (2j)² = 1 − 4j > 0. 0.18 keeps a comfortable margin and still breaks up the
 * chessboard look.
 */
const JITTER = 0.18;

/** Rounds to 6 decimals (≈ 0.1 m), the precision GeoJSON for a city needs. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Vertices of a jittered lattice over a bbox: `v[i][j]` is the vertex on column line i (0 at the
 * west edge) and row line j (0 at the north edge). Interior vertices move in both axes; vertices on
 * the outer edge move only along it and corners stay put, so the cells tile the bbox exactly.
 * Coordinates are rounded here, once, and cells reuse these numbers, so neighbours share
 * bit-identical vertices and edges.
 */
export function jitteredLattice(
  [w, s, e, n]: readonly [number, number, number, number],
  columns: number,
  rows: number,
  rng: Rng,
): [number, number][][] {
  const dx = (e - w) / columns;
  const dy = (n - s) / rows;
  const v: [number, number][][] = [];
  for (let i = 0; i <= columns; i++) {
    const line: [number, number][] = [];
    for (let j = 0; j <= rows; j++) {
      // Draw both offsets for every vertex, used or not, so the stream does not depend on position.
      const jx = rng.float(-JITTER, JITTER) * dx;
      const jy = rng.float(-JITTER, JITTER) * dy;
      // Edge positions are pinned to the exact extent, not recomputed, so no rounding drift; a vertex
      // on a west/east edge keeps its x, one on a north/south edge its y, corners keep both.
      const x = i === 0 ? w : i === columns ? e : w + i * dx + jx;
      const y = j === 0 ? n : j === rows ? s : n - j * dy + jy;
      line.push([round6(x), round6(y)]);
    }
    v.push(line);
  }
  return v;
}

/**
 * The polygon of one lattice cell: a closed, counter-clockwise ring (RFC 7946) starting at the
 * south-west corner. Each vertex is a fresh tuple with the lattice's numbers.
 */
export function cellPolygon(v: readonly (readonly [number, number][])[], { col, row }: Cell): PolygonCoords {
  const at = (i: number, j: number): [number, number] => {
    const p = v[i]?.[j];
    if (!p) throw new Error(`lattice has no vertex ${i},${j}`);
    return [p[0], p[1]];
  };
  return [[at(col, row + 1), at(col + 1, row + 1), at(col + 1, row), at(col, row), at(col, row + 1)]];
}

/**
 * The cells of a block in boustrophedon order: along the first row west → east, the next east →
 * west, and so on ('rows'); or down the first column, up the next … ('columns'). Consecutive cells
 * always share an edge, which is what makes runs of this walk contiguous areas.
 */
export function snakeWalk({ col0, col1, row0, row1 }: CellBlock, along: 'rows' | 'columns'): Cell[] {
  const cells: Cell[] = [];
  if (along === 'rows') {
    for (let row = row0; row <= row1; row++) {
      const forward = (row - row0) % 2 === 0;
      for (let k = 0; k <= col1 - col0; k++) cells.push({ col: forward ? col0 + k : col1 - k, row });
    }
  } else {
    for (let col = col0; col <= col1; col++) {
      const forward = (col - col0) % 2 === 0;
      for (let k = 0; k <= row1 - row0; k++) cells.push({ col, row: forward ? row0 + k : row1 - k });
    }
  }
  return cells;
}

/**
 * Splits `total` items into `parts` sizes that sum to `total`, each at least `min`, varying by a
 * random weight in [0.7, 1.3] (communities are not all the same size). Largest-remainder rounding
 * keeps the sum exact.
 * @throws when `parts * min > total`
 */
export function splitSizes(total: number, parts: number, rng: Rng, min = 3): number[] {
  if (parts <= 0 || parts * min > total) throw new Error(`cannot split ${total} into ${parts} parts of ≥${min}`);
  const weights = Array.from({ length: parts }, () => rng.float(0.7, 1.3));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - parts * min;
  const exact = weights.map((w) => (w / sum) * spare);
  const sizes = exact.map((x) => min + Math.floor(x));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  // Hand the remaining units to the largest fractional parts; ties go to the earlier part.
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    sizes[i]!++;
    left--;
  }
  return sizes;
}
