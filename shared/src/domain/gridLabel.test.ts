import { describe, expect, it } from 'vitest';
import { gridFullName, gridNamesCommunity } from './gridLabel.ts';

describe('a grid named with its community once', () => {
  it('does not repeat a community the grid name already holds', () => {
    expect(gridFullName('东安社区第03网格', '东安社区')).toBe('东安社区第03网格');
    expect(gridFullName("Dong'an Grid 03", "Dong'an Community", ', ')).toBe("Dong'an Grid 03");
    expect(gridFullName('Liexi Village Grid 03', 'Liexi Village', ', ')).toBe('Liexi Village Grid 03');
  });

  it('adds the community to a grid named by its number only', () => {
    expect(gridFullName('第03网格', '东安社区')).toBe('东安社区第03网格');
    expect(gridFullName('Grid 03', "Dong'an Community", ', ')).toBe("Dong'an Community, Grid 03");
    expect(gridFullName('一网格', '列西村委会', ' · ')).toBe('列西村委会 · 一网格');
  });

  it('keeps the grid name alone when the community has no name', () => {
    expect(gridNamesCommunity('第03网格', '')).toBe(true);
    expect(gridFullName('第03网格', '')).toBe('第03网格');
  });
});
