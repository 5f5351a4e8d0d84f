import type { EventKind } from '@streetchief/shared/domain/events';

/**
 * Event kinds grouped by what they mean (new, flow, feedback, done, back, time, alert, muted), for
 * the colour of their chip on the wall's ticker and the desks' timelines; the chip shows the word too.
 */
export type EventTone = 'new' | 'flow' | 'feedback' | 'done' | 'back' | 'time' | 'alert' | 'muted';

export function eventTone(kind: EventKind): EventTone {
  switch (kind) {
    case 'report':
      return 'new';
    case 'register':
    case 'dispatch':
    case 'accept':
    case 'assign_check':
    case 'unpark':
      return 'flow';
    case 'feedback':
    case 'assist_note':
    case 'assist_done':
      return 'feedback';
    case 'check_pass':
      return 'done';
    case 'return':
    case 'check_fail':
    case 'reject_extension':
      return 'back';
    case 'request_extension':
    case 'approve_extension':
      return 'time';
    case 'escalate':
    case 'decide':
    case 'warned':
    case 'overdue':
      return 'alert';
    case 'void':
    case 'park':
    case 'comment':
      return 'muted';
  }
}
