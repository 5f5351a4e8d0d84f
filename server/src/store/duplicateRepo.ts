import type { CaseState, PossibleDuplicate } from '@streetchief/shared';
import { bboxAround, DUPLICATE_RULE, duplicateSince, likelyDuplicates, type DuplicateProbe } from '@streetchief/shared/field/duplicates';
import type { Executor } from './store.ts';

/**
 * The cases a new report may duplicate, by the shared rule (`DUPLICATE_RULE`: same class, within
 * 50 m, reported in the last 7 days, not voided), nearest first, at most 5. SQL narrows to the
 * class, the time window and a box around the point (index `incidents_class_place`); the exact
 * distance and the order are the shared rule's, the same the phone applies before sending.
 * `reportId` (the new case's own id) is never its own duplicate; `reporterId` marks the
 * reporter's own earlier reports.
 */
export async function findPossibleDuplicates(
  ex: Executor,
  probe: DuplicateProbe,
  o: { reportId: string; reporterId: string | null },
): Promise<PossibleDuplicate[]> {
  // A metre more than the radius: the box is exact in latitude, and a hair wide in longitude makes it safe too.
  const [w, s, e, n] = bboxAround(probe.lng, probe.lat, DUPLICATE_RULE.radiusM + 1);
  const rows = await ex
    .selectFrom('incidents')
    .select(['id', 'case_no', 'status', 'category_code', 'lng', 'lat', 'reported_at', 'reporter_id'])
    .where('category_code', '=', probe.category)
    .where('lat', '>=', s)
    .where('lat', '<=', n)
    .where('lng', '>=', w)
    .where('lng', '<=', e)
    .where('reported_at', '>=', duplicateSince(probe.at))
    .where('status', '!=', 'voided')
    .where('id', '!=', o.reportId)
    .execute();
  const candidates = rows.map((r) => ({
    id: r.id,
    categoryCode: r.category_code,
    status: r.status as CaseState,
    lng: Number(r.lng),
    lat: Number(r.lat),
    reportedAt: r.reported_at,
    caseNo: r.case_no,
    reporterId: r.reporter_id,
  }));
  return likelyDuplicates(candidates, probe).map(({ incident: c, distanceM }) => ({
    id: c.id,
    caseNo: c.caseNo,
    distanceM: Math.round(distanceM * 10) / 10,
    reportedAt: c.reportedAt,
    sameReporter: o.reporterId !== null && c.reporterId === o.reporterId,
  }));
}
