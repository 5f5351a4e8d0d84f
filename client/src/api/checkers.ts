import { z } from 'zod';
import { requestJson } from './http.ts';

const CandidateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.string(),
  gridCodes: z.array(z.string()),
  ownGrid: z.boolean(),
});
/** A patrol or grid staff member the desk may name for a check. */
export type CheckerCandidate = z.infer<typeof CandidateSchema>;

/** `GET /api/checkers?gridCode=`: who may be named for a check, the grid's own first. */
export async function listCheckers(gridCode: string, signal?: AbortSignal): Promise<CheckerCandidate[]> {
  const body = await requestJson(`/api/checkers?${new URLSearchParams({ gridCode })}`, signal ? { signal } : {});
  return z.object({ items: z.array(CandidateSchema) }).parse(body).items;
}
