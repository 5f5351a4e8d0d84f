import { describe, expect, it } from 'vitest';
import type { Incident } from '@streetchief/shared/domain/incident';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { GridShader, MarkerDiffer } from './markerDiff.ts';
import { markerKind } from './markerKinds.ts';

const NOW = new Date('2026-11-29T02:00:00.000Z'); // 10:00 in Shanghai
const TODAY = { start: Date.parse('2026-11-28T16:00:00.000Z'), end: Date.parse('2026-11-29T16:00:00.000Z') };

function c(id: string, over: Partial<Incident> = {}): Incident {
  return incidentFixture({ id, status: 'in_progress', description: '', gridCode: 'G1', communityCode: 'C1', streetCode: 'S1', ...over });
}

describe('markerKind', () => {
  it('maps stages to kinds, overdue first, and hides voided and old closed cases', () => {
    expect(markerKind(c('a', { status: 'reported' }), NOW, TODAY)).toBe('reported');
    expect(markerKind(c('a', { status: 'dispatched' }), NOW, TODAY)).toBe('pending');
    expect(markerKind(c('a', { status: 'in_progress', deadline: '2026-11-29T01:00:00.000Z' }), NOW, TODAY)).toBe('overdue');
    expect(markerKind(c('a', { status: 'parked', deadline: '2026-11-29T01:00:00.000Z' }), NOW, TODAY)).toBe('parked');
    expect(markerKind(c('a', { status: 'voided' }), NOW, TODAY)).toBeNull();
    expect(markerKind(c('a', { status: 'closed', closedAt: '2026-11-29T00:30:00.000Z' }), NOW, TODAY)).toBe('closed');
    expect(markerKind(c('a', { status: 'closed', closedAt: '2026-11-28T15:30:00.000Z' }), NOW, TODAY)).toBeNull();
  });
});

describe('MarkerDiffer', () => {
  it('adds, updates only on a visible change, and removes', () => {
    const differ = new MarkerDiffer();
    const state = new Map([
      ['a', c('a')],
      ['b', c('b', { status: 'voided' })],
    ]);
    expect(differ.diff(state, NOW)).toEqual({
      add: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [117.6, 26.25] },
          properties: { id: 'a', m: 'in_progress', o: 0, z: 3 },
        },
      ],
      update: [],
      remove: [],
    });
    // A new version in the same stage: nothing to send.
    state.set('a', c('a', { version: 2 }));
    expect(differ.diff(state, NOW, ['a'])).toBeNull();
    // Turns overdue as time passes.
    state.set('a', c('a', { version: 3, deadline: '2026-11-29T03:00:00.000Z' }));
    expect(differ.diff(state, NOW, ['a'])).toBeNull();
    const later = new Date('2026-11-29T03:30:00.000Z');
    expect(differ.diff(state, later)?.update).toEqual([
      {
        id: 'a',
        newGeometry: { type: 'Point', coordinates: [117.6, 26.25] },
        addOrUpdateProperties: [
          { key: 'm', value: 'overdue' },
          { key: 'o', value: 1 },
          { key: 'z', value: 6 },
        ],
      },
    ]);
    state.delete('a');
    expect(differ.diff(state, later, ['a'])).toEqual({ add: [], update: [], remove: ['a'] });
    expect(differ.ids()).toEqual([]);
  });
});

describe('GridShader', () => {
  it('reports only grids whose counts changed, and zeroes emptied grids', () => {
    const shader = new GridShader();
    const state = new Map([
      ['a', c('a')],
      ['b', c('b', { gridCode: 'G2', deadline: '2026-11-29T01:00:00.000Z' })],
    ]);
    expect(shader.changes(state, NOW)).toEqual([
      { code: 'G1', state: { open: 1, overdue: 0 } },
      { code: 'G2', state: { open: 1, overdue: 1 } },
    ]);
    expect(shader.changes(state, NOW)).toEqual([]);
    state.set('b', c('b', { gridCode: 'G2', status: 'closed' }));
    expect(shader.changes(state, NOW)).toEqual([{ code: 'G2', state: { open: 0, overdue: 0 } }]);
  });
});
