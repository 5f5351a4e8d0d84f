import { isOverdue, type Incident } from '@streetchief/shared/domain/incident';

/**
 * How a case appears on the wall: one kind per stage that matters from five metres, each with
 * its own colour AND shape (docs/architecture.md "The map": never colour alone). The order is the drawing order:
 * later kinds are drawn on top.
 */
export const MARKER_KINDS = ['closed', 'parked', 'handled', 'in_progress', 'pending', 'reported', 'overdue'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export type MarkerShape = 'circle-check' | 'pause-square' | 'square' | 'ring' | 'triangle' | 'diamond' | 'octagon-bang';

export interface MarkerLook {
  colour: string;
  shape: MarkerShape;
  /** Size on a 1920×1080 wall, CSS pixels. */
  size: number;
}

export const MARKER_LOOK: Record<MarkerKind, MarkerLook> = {
  closed: { colour: '#22c55e', shape: 'circle-check', size: 18 },
  parked: { colour: '#94a3b8', shape: 'pause-square', size: 20 },
  handled: { colour: '#a78bfa', shape: 'square', size: 20 },
  in_progress: { colour: '#38bdf8', shape: 'ring', size: 22 },
  pending: { colour: '#fbbf24', shape: 'triangle', size: 24 },
  reported: { colour: '#22d3ee', shape: 'diamond', size: 24 },
  overdue: { colour: '#ef4444', shape: 'octagon-bang', size: 32 },
};

/**
 * The marker for a case now, or `null` when it is not on the map (voided, or closed before
 * today). `today` is the Shanghai day as a UTC millisecond range.
 */
export function markerKind(
  c: Pick<Incident, 'status' | 'deadline' | 'lateAt' | 'closedAt'>,
  now: Date,
  today: { start: number; end: number },
): MarkerKind | null {
  if (c.status === 'voided') return null;
  if (c.status === 'closed') {
    const t = c.closedAt ? Date.parse(c.closedAt) : NaN;
    return t >= today.start && t < today.end ? 'closed' : null;
  }
  if (isOverdue(c, now)) return 'overdue';
  switch (c.status) {
    case 'reported':
      return 'reported';
    case 'registered':
    case 'dispatched':
      return 'pending';
    case 'in_progress':
      return 'in_progress';
    case 'handled':
      return 'handled';
    case 'parked':
      return 'parked';
    default: {
      const never: never = c.status;
      return never;
    }
  }
}
