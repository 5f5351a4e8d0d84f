import { z } from 'zod';
import { ActionSchema } from './workflow.ts';
import { IncidentSchema } from './incident.ts';

/** Event types: one per workflow action, plus what the scheduler records. */
export const SYSTEM_EVENT_KINDS = ['warned', 'overdue'] as const;

/** Who did it: a user id, or `system` for the scheduler. */
export const ActorSchema = z.object({
  id: z.string(),
  role: z.string(),
  name: z.string(),
  /** The department a department handler acts for (an assisting department's note names it). */
  departmentCode: z.string().nullable().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', name: '系统' };

/**
 * A domain event about a case. It carries the case as it is after the event, so a client applies
 * it as an upsert keyed by id (and ignores a version it has already passed).
 */
export const IncidentEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('incident'),
  kind: z.union([ActionSchema, z.enum(SYSTEM_EVENT_KINDS)]),
  at: z.string(),
  actor: ActorSchema,
  reason: z.string().nullable(),
  incident: IncidentSchema,
  /**
   * Departments that had the case before this event and no longer do (a return, a re-dispatch):
   * they still receive this event, so their screens drop the case instead of keeping a stale copy.
   */
  formerDepts: z.array(z.string()).default([]),
});
export type IncidentEvent = z.infer<typeof IncidentEventSchema>;

/**
 * Only a sequence number: in a catch-up page, an event the reader may not see (so a gap is told
 * from a filtered event); on the live stream, "nothing else for you up to here".
 */
export const SkipEventSchema = z.object({
  seq: z.number().int().positive(),
  type: z.literal('skip'),
});
export type SkipEvent = z.infer<typeof SkipEventSchema>;

export const DomainEventSchema = z.discriminatedUnion('type', [IncidentEventSchema, SkipEventSchema]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type EventKind = IncidentEvent['kind'];

/** An event before the store gives it its sequence number. */
export type NewIncidentEvent = Omit<IncidentEvent, 'seq'>;

export const EventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
