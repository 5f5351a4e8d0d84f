import { CASE_STATES, type CaseState, type Incident } from '@streetchief/shared';
import type { Open311Contact, Open311Origin } from '@streetchief/shared/open311/index';
import type { Executor } from '../store/store.ts';

/** What Open311 stores beside a case it brought in (table open311_requests, migration 0013). */
export interface Open311Row {
  incidentId: string;
  clientId: string;
  clientRef: string | null;
  token: string;
  contact: Open311Contact;
  description: string;
  mediaUrl: string | null;
  createdAt: string;
}

export async function insertOpen311Request(ex: Executor, r: Open311Row): Promise<void> {
  await ex
    .insertInto('open311_requests')
    .values({
      incident_id: r.incidentId,
      client_id: r.clientId,
      client_ref: r.clientRef,
      token: r.token,
      contact: JSON.stringify(r.contact),
      description: r.description,
      media_url: r.mediaUrl,
      created_at: r.createdAt,
    })
    .execute();
}

/** The token of the case a client already made under its own request id, if any. */
export async function requestByClientRef(
  ex: Executor,
  clientId: string,
  clientRef: string,
): Promise<{ incidentId: string; token: string } | null> {
  const row = await ex
    .selectFrom('open311_requests')
    .select(['incident_id', 'token'])
    .where('client_id', '=', clientId)
    .where('client_ref', '=', clientRef)
    .executeTakeFirst();
  return row ? { incidentId: row.incident_id, token: row.token } : null;
}

export async function requestByToken(ex: Executor, token: string): Promise<{ incidentId: string } | null> {
  const row = await ex.selectFrom('open311_requests').select('incident_id').where('token', '=', token).executeTakeFirst();
  return row ? { incidentId: row.incident_id } : null;
}

/** The public part (description, media) of the cases among `ids` that Open311 brought in. */
export async function originsOf(ex: Executor, ids: readonly string[]): Promise<Map<string, Open311Origin>> {
  const out = new Map<string, Open311Origin>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ex
      .selectFrom('open311_requests')
      .select(['incident_id', 'description', 'media_url'])
      .where('incident_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.incident_id, { description: r.description, mediaUrl: r.media_url });
  }
  return out;
}

export interface Open311Search {
  caseNos?: string[];
  codes?: string[];
  /** Reported in [from, to); both absent for a search by case number. */
  from?: string;
  to?: string;
  status?: 'open' | 'closed';
  limit: number;
}

const CLOSED: readonly CaseState[] = ['closed', 'voided'];
const OPEN = CASE_STATES.filter((s) => !CLOSED.includes(s));

/** Cases for `GET requests`, newest report first. */
export async function searchCases(ex: Executor, s: Open311Search): Promise<Incident[]> {
  let q = ex.selectFrom('incidents').select('data');
  if (s.from) q = q.where('reported_at', '>=', s.from);
  if (s.to) q = q.where('reported_at', '<', s.to);
  if (s.caseNos) q = q.where('case_no', 'in', s.caseNos);
  if (s.codes) q = q.where('category_code', 'in', s.codes);
  if (s.status) q = q.where('status', 'in', s.status === 'closed' ? [...CLOSED] : OPEN);
  const rows = await q.orderBy('reported_at', 'desc').orderBy('id').limit(s.limit).execute();
  return rows.map((r) => JSON.parse(r.data) as Incident);
}

export async function caseByCaseNo(ex: Executor, caseNo: string): Promise<Incident | null> {
  const row = await ex.selectFrom('incidents').select('data').where('case_no', '=', caseNo).executeTakeFirst();
  return row ? (JSON.parse(row.data) as Incident) : null;
}
