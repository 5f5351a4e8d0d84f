import { z } from 'zod';
import { InstantSchema, deadlineInstantSchema, type Clock } from '../calendar/period.ts';
import { MAX_PHOTOS_PER_STEP } from './incident.ts';

const version = z.number().int().positive();
const reason = z.string().trim().min(1).max(1000);
const photoIds = z.array(z.string().uuid()).max(MAX_PHOTOS_PER_STEP).default([]);

/**
 * `POST /api/incidents/:id/actions` bodies, one per workflow action (report has its own route).
 * `expectedVersion` is the version the user looked at: a stale one is a 409, not an overwrite.
 * With the server's clock, a deadline a user sets (an extension's end, a meeting's new deadline)
 * may lie at most a year ahead; without one only its format and year are checked.
 */
export function actionBodySchema(now?: Clock) {
  const deadline = now ? deadlineInstantSchema(now) : InstantSchema;
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('register'), expectedVersion: version }),
    z.object({ type: z.literal('void'), expectedVersion: version, reason }),
    z.object({
      type: z.literal('dispatch'),
      expectedVersion: version,
      leadDept: z.string().min(1).max(32),
      assistDepts: z.array(z.string().min(1).max(32)).max(8).default([]),
    }),
    z.object({ type: z.literal('accept'), expectedVersion: version }),
    z.object({ type: z.literal('return'), expectedVersion: version, reason }),
    z.object({
      type: z.literal('feedback'),
      expectedVersion: version,
      note: reason,
      photoIds,
    }),
    z.object({
      type: z.literal('assign_check'),
      expectedVersion: version,
      /** The patrol or grid staff account that is to check on site. */
      checkerId: z.string().trim().min(1).max(64),
      reason: reason.optional(),
    }),
    z.object({ type: z.literal('check_pass'), expectedVersion: version, note: z.string().max(1000).optional(), photoIds }),
    z.object({ type: z.literal('check_fail'), expectedVersion: version, reason, photoIds }),
    z.object({ type: z.literal('request_extension'), expectedVersion: version, reason, until: deadline }),
    z.object({ type: z.literal('approve_extension'), expectedVersion: version }),
    z.object({ type: z.literal('reject_extension'), expectedVersion: version, reason }),
    z.object({ type: z.literal('park'), expectedVersion: version, reason }),
    z.object({ type: z.literal('unpark'), expectedVersion: version }),
    z.object({ type: z.literal('escalate'), expectedVersion: version, reason }),
    z.object({ type: z.literal('comment'), expectedVersion: version, reason }),
    z.object({
      type: z.literal('decide'),
      expectedVersion: version,
      reason,
      /** Re-dispatch to this lead department (the case becomes dispatched again). */
      leadDept: z.string().min(1).max(32).optional(),
      assistDepts: z.array(z.string().min(1).max(32)).max(8).default([]),
      /** A new deadline set by the meeting. */
      deadline: deadline.optional(),
      /** The chief made responsible for seeing it through. */
      responsibleChief: z.string().trim().min(1).max(64).optional(),
    }),
    /** 协办: an assisting department's note on its work, with photos. */
    z.object({ type: z.literal('assist_note'), expectedVersion: version, note: reason, photoIds }),
    /** 协办: the assisting department's part is done (an optional closing note). */
    z.object({ type: z.literal('assist_done'), expectedVersion: version, note: z.string().trim().max(1000).optional() }),
  ]);
}

/** The action bodies' shapes (no clock): the desk's own check before sending. */
export const ActionBodySchema = actionBodySchema();
export type ActionBody = z.infer<typeof ActionBodySchema>;

/** Photo ids an action attaches, and at which stage. */
export function photosOf(body: ActionBody): { ids: string[]; stage: 'feedback' | 'check' | 'assist' } | null {
  if (body.type === 'feedback') return { ids: body.photoIds, stage: 'feedback' };
  if (body.type === 'assist_note') return { ids: body.photoIds, stage: 'assist' };
  if (body.type === 'check_pass' || body.type === 'check_fail') return { ids: body.photoIds, stage: 'check' };
  return null;
}
