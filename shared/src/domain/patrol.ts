import { z } from 'zod';
import { InstantSchema, fieldInstantSchema, type Clock } from '../calendar/period.ts';
import { positionProblem, type DistrictArea, type PositionRule } from '../field/position.ts';
import { ALL_ROOM } from './policy.ts';

/**
 * Patrols (日巡): a patrol officer or grid staff member starts a patrol, the phone samples its
 * position, and the thinned track goes up in batches. Track points are not case events: they have
 * no sequence numbers, and a point is identified by its patrol and its timestamp, so uploading the
 * same batch again (a retry after a lost answer, a second tab) never doubles a point.
 */

export const PATROL_STATES = ['active', 'paused', 'finished'] as const;
export const PatrolStateSchema = z.enum(PATROL_STATES);
export type PatrolState = z.infer<typeof PatrolStateSchema>;

/** Roles that patrol and file daily reports (日巡日报). */
export const PATROL_ROLES = ['patrol', 'grid_staff'] as const;

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** Most points one upload may carry (a phone offline for an hour sends several batches). */
export const MAX_POINTS_PER_BATCH = 500;
/** Most points one patrol keeps: a full day at one kept fix every 5 s, far above what thinning leaves. */
export const MAX_POINTS_PER_PATROL = 20_000;

/**
 * What the server checks a phone's bodies against beyond their shape: its clock (a phone's times
 * must be plausible, see `fieldInstantSchema`) and the district (positions, see `positionProblem`).
 * `area` is called at each parse, so reference data reloaded by an administrator applies at once.
 */
export interface FieldChecks {
  now: Clock;
  area: () => DistrictArea;
}

/** An issue on `path` for each way the point breaks `rule`; nothing while a coordinate is not even a number. */
function positionRefinement(rule: PositionRule, checks: FieldChecks | undefined) {
  return (p: { lng?: number | undefined; lat?: number | undefined }, ctx: z.RefinementCtx): void => {
    if (!checks || typeof p.lng !== 'number' || typeof p.lat !== 'number') return;
    const problem = positionProblem(rule, p.lng, p.lat, checks.area());
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.reason });
  };
}

/**
 * The field app's request bodies: patrols, track batches, sightings. Without `checks` only their
 * shape, the years and the coordinate ranges are checked (what the phone can know itself); the
 * server passes its clock and district so every time and position is judged where it is parsed.
 */
export function fieldBodySchemas(checks?: FieldChecks) {
  const at = checks ? fieldInstantSchema(checks.now) : InstantSchema;
  /** One sampled position. `t` is when the phone took the fix; `acc` its accuracy radius in metres. */
  const point = z
    .object({ t: at, lng, lat, acc: z.number().min(0).max(100_000).optional() })
    .superRefine(positionRefinement('near_district', checks));
  return {
    point,
    /** `POST /api/patrols`: the id is made on the phone, so starting offline and retrying is one patrol. */
    start: z.object({ id: z.string().uuid(), at }),
    /** `POST /api/patrols/:id/track`. */
    track: z.object({ points: z.array(point).min(1).max(MAX_POINTS_PER_BATCH) }),
    /** `POST /api/patrols/:id/actions`: pause, resume or finish, with the time it happened on the phone. */
    action: z.object({ type: z.enum(['pause', 'resume', 'finish']), at }),
    /** `POST /api/incidents/:id/sightings`: "I saw this too" instead of a duplicate report; a position is whole or absent. */
    sighting: z
      .object({
        id: z.string().uuid(),
        note: z.string().trim().max(1000).default(''),
        lng: lng.optional(),
        lat: lat.optional(),
        photoIds: z.array(z.string().uuid()).max(3).default([]),
      })
      .superRefine((p, ctx) => {
        if ((p.lng === undefined) !== (p.lat === undefined)) {
          ctx.addIssue({ code: 'custom', path: [p.lng === undefined ? 'lng' : 'lat'], message: 'give both lng and lat, or neither' });
        }
      })
      .superRefine(positionRefinement('in_district', checks)),
  };
}

/** The bodies' shapes alone (no clock, no district): the phone's own checks and the types. */
const SHAPES = fieldBodySchemas();
/** One sampled position (shape only; the server also checks its time and place). */
export const TrackPointSchema = SHAPES.point;
export type TrackPoint = z.infer<typeof TrackPointSchema>;
/** `POST /api/patrols` (shape only). */
export const StartPatrolSchema = SHAPES.start;
export type StartPatrol = z.infer<typeof StartPatrolSchema>;
/** `POST /api/patrols/:id/track` (shape only). */
export const TrackUploadSchema = SHAPES.track;
export type TrackUpload = z.infer<typeof TrackUploadSchema>;
/** `POST /api/patrols/:id/actions` (shape only). */
export const PatrolActionSchema = SHAPES.action;
export type PatrolAction = z.infer<typeof PatrolActionSchema>;

export const LastFixSchema = z.object({ lng: z.number(), lat: z.number(), at: z.string(), gridCode: z.string().nullable() });

/** A patrol as the server keeps and returns it. */
export const PatrolSchema = z.object({
  id: z.string().uuid(),
  userId: z.string(),
  userName: z.string(),
  status: PatrolStateSchema,
  /** Calendar day of the start (`YYYY-MM-DD`, Asia/Shanghai): the day the patrol counts for. */
  day: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Pauses, oldest first; the last one is open while the patrol is paused. */
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  pointCount: z.number().int().min(0),
  distanceM: z.number().min(0),
  /** Grids the track crossed, in the order first entered. */
  gridCodes: z.array(z.string()),
  last: LastFixSchema.nullable(),
  updatedAt: z.string(),
});
export type Patrol = z.infer<typeof PatrolSchema>;

/** A live position, sent to walls as a volatile Socket.IO message (a missed one is fine). */
export const PatrolPositionSchema = z.object({
  patrolId: z.string(),
  userId: z.string(),
  name: z.string(),
  status: PatrolStateSchema,
  lng: z.number(),
  lat: z.number(),
  /** When the phone took the fix: a wall fades a position that is getting old. */
  at: z.string(),
  gridCode: z.string().nullable(),
  streetCode: z.string().nullable(),
});
export type PatrolPosition = z.infer<typeof PatrolPositionSchema>;

/**
 * Rooms a position goes to: the same rooms as a case in that grid (district-wide desks, the
 * street, the grid) plus the patrol officer's own, so positions and cases are seen by the same people.
 */
export function roomsOfPosition(p: Pick<PatrolPosition, 'userId' | 'gridCode' | 'streetCode'>): string[] {
  const rooms = [ALL_ROOM, `user:${p.userId}`];
  if (p.gridCode) rooms.push(`grid:${p.gridCode}`);
  if (p.streetCode) rooms.push(`street:${p.streetCode}`);
  return rooms;
}

/** A position older than this is drawn faded: the phone has stopped reporting (no signal, battery). */
export const POSITION_STALE_MS = 2 * 60_000;
/** A position older than this is no longer drawn at all. */
export const POSITION_GONE_MS = 30 * 60_000;

/** `fresh`, `stale` (draw faded) or `gone` (do not draw), from the age of the fix. */
export function positionFreshness(at: string, now: number): 'fresh' | 'stale' | 'gone' {
  const age = now - Date.parse(at);
  if (!Number.isFinite(age) || age > POSITION_GONE_MS) return 'gone';
  return age > POSITION_STALE_MS ? 'stale' : 'fresh';
}

/** `POST /api/incidents/:id/sightings` (shape only; the server also checks the place). */
export const SightingSchema = SHAPES.sighting;
export type SightingInput = z.infer<typeof SightingSchema>;

export interface Sighting {
  id: string;
  incidentId: string;
  userId: string;
  userName: string;
  at: string;
  note: string;
  lng: number | null;
  lat: number | null;
  photoIds: string[];
}
