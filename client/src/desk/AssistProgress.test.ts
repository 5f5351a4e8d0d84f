import { describe, expect, it } from 'vitest';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import type { HistoryEntry } from '../api/cases.ts';
import { assistNotes } from './AssistProgress.tsx';

const PHOTO = '11111111-1111-4111-8111-111111111111';
let seq = 0;
/** A history entry of `kind` by a handler of `dept`, the case after it as `over` says. */
function entry(
  kind: HistoryEntry['kind'],
  dept: string | null,
  reason: string | null,
  over: Parameters<typeof incidentFixture>[0] = {},
): HistoryEntry {
  seq++;
  const at = `2026-11-30T0${seq}:00:00.000Z`;
  return {
    seq,
    kind,
    at,
    actor: {
      id: `u-${dept ?? 'desk'}`,
      role: dept ? 'dept_handler' : 'dispatcher',
      name: `${dept ?? 'desk'} handler`,
      departmentCode: dept,
    },
    reason,
    incident: incidentFixture({ version: seq, ...over }),
    formerDepts: [],
  } as HistoryEntry;
}

describe('协办 notes from the history', () => {
  it('groups the assisting departments’ notes and photos by department, since the last dispatch', () => {
    const history = [
      entry('dispatch', null, null, { assistDepts: ['szj'] }),
      entry('assist_note', 'szj', '旧的记录'),
      // A meeting re-dispatches: the parts start afresh.
      entry('return', 'hwc', '非本单位'),
      entry('dispatch', null, null, { assistDepts: ['szj', 'cgj'] }),
      entry('assist_note', 'szj', '已关阀', { photos: [{ id: PHOTO, stage: 'assist', at: '2026-11-30T05:00:00.000Z' }] }),
      entry('assist_note', 'cgj', '已设围挡', { photos: [{ id: PHOTO, stage: 'assist', at: '2026-11-30T05:00:00.000Z' }] }),
      entry('assist_done', 'szj', null, { photos: [{ id: PHOTO, stage: 'assist', at: '2026-11-30T05:00:00.000Z' }] }),
      entry('feedback', 'hwc', '已处置'),
    ];
    const notes = assistNotes(history);
    expect([...notes.keys()]).toEqual(['szj', 'cgj']);
    expect(notes.get('szj')!.map((n) => [n.kind, n.text, n.photos.map((p) => p.id)])).toEqual([
      ['assist_note', '已关阀', [PHOTO]],
      ['assist_done', null, []],
    ]);
    // cgj's note carried no new photo: szj's was already on the case.
    expect(notes.get('cgj')!.map((n) => [n.text, n.photos.length])).toEqual([['已设围挡', 0]]);
  });
});
