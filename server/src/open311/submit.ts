import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor, Incident, User } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { contactOf, type Open311Post } from '@streetchief/shared/open311/index';
import type { ApiClient } from '../apiClients/apiClientRepo.ts';
import type { CommandContext } from '../commands/context.ts';
import { reportIncident } from '../commands/reportIncident.ts';
import { HttpError } from '../http/errors.ts';
import { getIncident } from '../store/incidentRepo.ts';
import { insertOpen311Request, requestByClientRef } from './requestRepo.ts';

/** A request Open311 refuses, in the spec's terms: an HTTP status and a description. */
export const open311Error = (status: 400 | 403 | 404, description: string) =>
  new HttpError(status, { error: 'open311', reason: description });

/**
 * A case made from an Open311 request, in the normal workflow: source 群众 (public), state
 * reported, waiting for the desk to register it like any other. The client system is the
 * event's actor; the requester's contact is kept beside the case for the desk, never shown.
 */
export async function submitOpen311Request(
  ctx: CommandContext,
  client: ApiClient,
  post: Open311Post,
): Promise<{ incident: Incident; token: string; created: boolean }> {
  if (post.client_request_id) {
    const done = await requestByClientRef(ctx.store.db, client.id, post.client_request_id);
    if (done) return { ...(await existing(ctx, done.incidentId)), token: done.token, created: false };
  }
  const cls = ctx.ref.classes.get(post.service_code);
  if (!cls) throw open311Error(400, `service_code ${post.service_code} not found`);
  const [lng, lat] = placeOf(ctx, post);
  if (!ctx.ref.locate(lng, lat)) throw open311Error(400, `the location (${lat}, ${lng}) is outside the service area`);
  const token = randomBytes(16).toString('base64url');
  const id = post.client_request_id ? idFor(client.id, post.client_request_id) : randomUUID();
  const description = post.address_string ? `${post.description}\n（地址：${post.address_string}）` : post.description;
  const { incident, created } = await reportIncident(ctx, {
    user: standIn(client),
    actor: actorOf(client),
    body: { id, category: cls.code, description, lng, lat, source: 'public', photoIds: [] },
    alsoWrite: (trx, made) =>
      insertOpen311Request(trx, {
        incidentId: made.id,
        clientId: client.id,
        clientRef: post.client_request_id ?? null,
        token,
        contact: contactOf(post),
        description: post.description,
        mediaUrl: post.media_url ?? null,
        createdAt: made.reportedAt,
      }),
  });
  if (created) return { incident, token, created };
  // The same client request id committed by a concurrent retry: answer with that one's token.
  const done = post.client_request_id ? await requestByClientRef(ctx.store.db, client.id, post.client_request_id) : null;
  if (!done) throw new HttpError(409, { error: 'conflict', reason: 'this request id belongs to another case' });
  return { incident, token: done.token, created: false };
}

/** lat+long, or a grid's own point for `address_id` = a grid code; nothing else can be placed. */
function placeOf(ctx: CommandContext, post: Open311Post): [number, number] {
  if (post.lat !== undefined && post.long !== undefined) return [post.long, post.lat];
  if (post.lat !== undefined || post.long !== undefined) throw open311Error(400, 'lat and long must be sent together');
  if (post.address_id) {
    const grid = ctx.ref.grids.find((g) => g.code === post.address_id);
    const point = grid ? interiorPoint(grid.polygon) : null;
    if (!point) throw open311Error(400, `address_id ${post.address_id} is not a grid code of this district`);
    return point;
  }
  throw open311Error(400, 'a location is required: lat and long, or address_id (a grid code)');
}

/** The same client request id always names the same case id, so a retry finds the case. */
function idFor(clientId: string, ref: string): string {
  const h = createHash('sha256').update(`open311:${clientId}:${ref}`).digest('hex');
  // Shaped as a version-4/variant-1 UUID, the form case ids take.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Who the report's checks run as: the centre's intake, which may record public (群众) reports
 * and sees every case (a retry finds its case whatever its state). It never signs in.
 */
const standIn = (client: ApiClient): User => ({
  id: `open311:${client.id}`,
  username: `open311:${client.name}`,
  displayName: client.name,
  role: 'dispatcher',
  departmentCode: null,
  streetCode: null,
  gridCodes: [],
});

const actorOf = (client: ApiClient): Actor => ({ id: `open311:${client.id}`, role: 'open311', name: `Open311 · ${client.name}` });

async function existing(ctx: CommandContext, incidentId: string): Promise<{ incident: Incident }> {
  const incident = await getIncident(ctx.store.db, incidentId);
  if (!incident) throw new HttpError(409, { error: 'conflict', reason: 'the case of this request id is gone' });
  return { incident };
}
