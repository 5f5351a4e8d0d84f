import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * Classes of the grid map's shading by closure rate (结案率), worst first. Red to blue (ColorBrewer
 * RdBu), which colour-blind readers tell apart; the legend names every class with its range and
 * count, so colour is never the only cue.
 */
export const CLOSURE_CLASSES = [
  { min: 0, max: 70, colour: '#b2182b' },
  { min: 70, max: 85, colour: '#ef8a62' },
  { min: 85, max: 95, colour: '#fddbc7' },
  { min: 95, max: 100, colour: '#67a9cf' },
  { min: 100, max: null, colour: '#2166ac' },
] as const;

/** Grids with nothing due in the period. */
export const NO_DATA_COLOUR = '#e5e7eb';

/** The class index of a closure rate, or -1 for no figure. */
export function closureClass(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return -1;
  for (let i = CLOSURE_CLASSES.length - 1; i >= 0; i--) if (rate >= CLOSURE_CLASSES[i]!.min) return i;
  return 0;
}

/** How many grids fall in each class, and how many have no figure. */
export function classCounts(rates: Iterable<number | null>): { counts: number[]; none: number } {
  const counts = CLOSURE_CLASSES.map(() => 0);
  let none = 0;
  for (const r of rates) {
    const i = closureClass(r);
    if (i < 0) none++;
    else counts[i]!++;
  }
  return { counts, none };
}

/** The fill colour expression: the rate sits in feature state `rate` (−1 or absent for none). */
export function fillColour(): ExpressionSpecification {
  const stops: (number | string)[] = [];
  for (const c of CLOSURE_CLASSES) stops.push(c.min, c.colour);
  return ['step', ['coalesce', ['feature-state', 'rate'], -1], NO_DATA_COLOUR, ...stops] as unknown as ExpressionSpecification;
}
