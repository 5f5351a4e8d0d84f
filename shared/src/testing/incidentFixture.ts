import type { Incident } from '../domain/incident.ts';

/**
 * A case for tests, registered in 小蕉社区第01网格 and otherwise blank; `over` sets what the test is
 * about. The one place test fixtures list every field: a field added to Incident is added here.
 */
export function incidentFixture(over: Partial<Incident> = {}): Incident {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    caseNo: '2026-000001',
    version: 1,
    status: 'registered',
    parkedFrom: null,
    categoryCode: 'E0101',
    description: 'x',
    lng: 117.6,
    lat: 26.25,
    gridCode: '35040400200801',
    communityCode: '350404002008',
    streetCode: '350404002',
    source: 'patrol',
    reporterId: null,
    urgent: false,
    reportedAt: '2026-11-29T01:00:00.000Z',
    registeredAt: null,
    dispatchedAt: null,
    handledAt: null,
    closedAt: null,
    deadline: null,
    leadDept: null,
    assistDepts: [],
    escalationLevel: 0,
    extension: null,
    extensionCount: 0,
    returnCount: 0,
    reworkCount: 0,
    warnedAt: null,
    overdueAt: null,
    lateAt: null,
    assists: [],
    possibleDuplicates: [],
    parkedAt: null,
    photos: [],
    feedbackCount: 0,
    handlingMs: null,
    responsibleChief: null,
    checkerId: null,
    checkDueAt: null,
    updatedAt: '2026-11-29T01:00:00.000Z',
    ...over,
  };
}
