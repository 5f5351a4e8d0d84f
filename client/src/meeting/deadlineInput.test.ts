import { describe, expect, it } from 'vitest';
import { fromLocalInput, presetDeadline, toLocalInput } from './deadlineInput.ts';

describe('deadline input (district time)', () => {
  it('shows an instant in Shanghai time and reads it back with the offset', () => {
    const t = new Date('2026-11-29T17:05:00Z');
    expect(toLocalInput(t)).toBe('2026-11-30T01:05');
    expect(fromLocalInput('2026-11-30T01:05')).toBe('2026-11-30T01:05:00+08:00');
    expect(Date.parse(fromLocalInput(toLocalInput(t))!)).toBe(t.getTime());
  });

  it('refuses what is not a datetime-local value', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-11-30')).toBeNull();
    expect(fromLocalInput('2026-13-45T99:00')).toBeNull();
  });

  it('sets presets to the end of a working day, counted in district days', () => {
    expect(presetDeadline(new Date('2026-11-29T17:05:00Z'), 3)).toBe('2026-12-03T17:30');
    expect(presetDeadline(new Date('2026-11-29T03:00:00Z'), 1)).toBe('2026-11-30T17:30');
  });
});
