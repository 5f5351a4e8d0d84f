import { describe, expect, it } from 'vitest';
import { fitWithin, newUuid } from './resize.ts';

describe('photo resizing', () => {
  it('scales the longest side down to 1600 px, never up', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1600, 20)).toEqual({ width: 1600, height: 20 });
    expect(fitWithin(10_000, 1)).toEqual({ width: 1600, height: 1 });
  });

  it('makes v4 UUIDs the server accepts', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newUuid()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
