import { afterEach, describe, expect, it, vi } from 'vitest';
import { HaloPulse, type PaintTarget } from './haloPulse.ts';

class FakeMap implements PaintTarget {
  layers = new Set(['incident-halo']);
  calls: [string, string, unknown][] = [];
  getLayer(id: string) {
    return this.layers.has(id) ? { id } : undefined;
  }
  setPaintProperty(layer: string, property: string, value: unknown) {
    this.calls.push([layer, property, value]);
  }
  radii() {
    return this.calls.filter(([, p]) => p === 'circle-radius').map(([, , v]) => v);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HaloPulse', () => {
  it('sets transitions once, then toggles the halo once per beat while something is overdue', () => {
    vi.useFakeTimers();
    const map = new FakeMap();
    let overdue = true;
    const pulse = new HaloPulse(map, { layer: 'incident-halo', baseRadius: () => 20, active: () => overdue, beatMs: 1000 });
    pulse.start();
    expect(map.calls.map(([, p]) => p)).toEqual([
      'circle-radius-transition',
      'circle-opacity-transition',
      'circle-stroke-opacity-transition',
    ]);
    vi.advanceTimersByTime(3000);
    expect(map.radii()).toEqual([32, 20, 32]);
    // Nothing overdue: back to rest once, then no calls at all.
    overdue = false;
    vi.advanceTimersByTime(5000);
    expect(map.radii()).toEqual([32, 20, 32, 20]);
    pulse.stop();
    const before = map.calls.length;
    vi.advanceTimersByTime(5000);
    expect(map.calls.length).toBe(before);
  });

  it('stops with the map and rests the halo', () => {
    vi.useFakeTimers();
    const map = new FakeMap();
    const pulse = new HaloPulse(map, { layer: 'incident-halo', baseRadius: () => 40, active: () => true });
    pulse.start();
    vi.advanceTimersByTime(1000);
    pulse.stop();
    expect(map.radii()).toEqual([64, 40]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing on a map without the layer', () => {
    vi.useFakeTimers();
    const map = new FakeMap();
    map.layers.clear();
    new HaloPulse(map, { layer: 'incident-halo', baseRadius: () => 20, active: () => true }).start();
    vi.advanceTimersByTime(3000);
    expect(map.calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
