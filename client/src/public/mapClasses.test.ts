import { describe, expect, it } from 'vitest';
import { CLOSURE_CLASSES, classCounts, closureClass, fillColour, NO_DATA_COLOUR } from './mapClasses.ts';

describe('grid map classes', () => {
  it('puts a rate in the class whose lower bound it reaches', () => {
    expect(closureClass(null)).toBe(-1);
    expect(closureClass(0)).toBe(0);
    expect(closureClass(69.99)).toBe(0);
    expect(closureClass(70)).toBe(1);
    expect(closureClass(94.99)).toBe(2);
    expect(closureClass(99.99)).toBe(3);
    expect(closureClass(100)).toBe(4);
  });

  it('counts grids per class', () => {
    expect(classCounts([100, 100, 50, null, 96])).toEqual({ counts: [1, 0, 0, 1, 2], none: 1 });
  });

  it('builds a step expression with the same bounds as the legend', () => {
    const e = fillColour() as unknown[];
    expect(e[0]).toBe('step');
    expect(e[2]).toBe(NO_DATA_COLOUR);
    expect(e.slice(3)).toEqual(CLOSURE_CLASSES.flatMap((c) => [c.min, c.colour]));
  });
});
