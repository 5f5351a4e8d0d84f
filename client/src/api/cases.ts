import type { ActionBody } from '@streetchief/shared/domain/actions';
import { IncidentEventSchema, type IncidentEvent } from '@streetchief/shared/domain/events';
import { IncidentSchema, type Incident } from '@streetchief/shared/domain/incident';
import { z } from 'zod';
import { HttpError, requestJson } from './http.ts';

const DetailSchema = z.object({ incident: IncidentSchema, history: z.array(IncidentEventSchema.omit({ type: true }).loose()) });
const ActionAnswerSchema = z.object({ incident: IncidentSchema });

/** One step of a case's history, oldest first, as `GET /api/incidents/:id` lists it. */
export type HistoryEntry = Omit<IncidentEvent, 'type'>;

export interface CaseDetail {
  incident: Incident;
  history: HistoryEntry[];
}

/** A case with its full history (the timeline). */
export async function getCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  const body = DetailSchema.parse(await requestJson(`/api/incidents/${encodeURIComponent(id)}`, signal ? { signal } : {}));
  return { incident: body.incident, history: [...body.history].sort((a, b) => a.seq - b.seq) };
}

/**
 * One workflow action. Resolves with the case after it; rejects with `HttpError` whose body says
 * why: 400 `{field, reason}`, 403 `{reason}`, 409 `{reason, version?}` (state changed or stale).
 */
export async function postAction(id: string, body: ActionBody): Promise<Incident> {
  const answer = await requestJson(`/api/incidents/${encodeURIComponent(id)}/actions`, { method: 'POST', json: body });
  return ActionAnswerSchema.parse(answer).incident;
}

/** The refusal of an action, from the server's answer. */
export interface ActionRefusal {
  status: number;
  /** 409: the case changed under the user (reload it). */
  conflict: boolean;
  field: string | null;
  reason: string;
}

export function refusalOf(err: unknown): ActionRefusal {
  if (err instanceof HttpError) {
    const b = (err.body ?? {}) as { field?: unknown; reason?: unknown };
    return {
      status: err.status,
      conflict: err.status === 409,
      field: typeof b.field === 'string' ? b.field : null,
      reason: typeof b.reason === 'string' ? b.reason : err.message,
    };
  }
  return { status: 0, conflict: false, field: null, reason: err instanceof Error ? err.message : String(err) };
}
