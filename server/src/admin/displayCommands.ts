import { randomInt, randomUUID } from 'node:crypto';
import {
  ENROLLMENT_ALPHABET,
  ENROLLMENT_GROUPS,
  ENROLLMENT_HOURS,
  enrollmentPath,
  type CreatedDisplay,
  type DisplayDevice,
} from '@streetchief/shared/admin/index';
import { sessionIdOf, type Sessions } from '../auth/sessions.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { appendAudit, type AuditActor } from '../store/auditRepo.ts';
import { consumeEnrollment, findDisplay, insertDisplay, revokeDisplay as revokeDisplayRow } from '../store/displayRepo.ts';
import { deleteSessionsOfDisplay, displayUserId } from '../store/userRepo.ts';
import type { AdminEnv } from './adminEnv.ts';

/** A fresh enrollment code, `ABCD-EFGH-JKMN-PQRS-TVWX`, from the system's secure random source. */
function enrollmentCode(): string {
  const groups = Array.from({ length: ENROLLMENT_GROUPS }, () =>
    Array.from({ length: 4 }, () => ENROLLMENT_ALPHABET[randomInt(ENROLLMENT_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/** The code as stored: hashed like session tokens, dashes left out (they are only for reading). */
const codeHash = (normalized: string) => sessionIdOf(`enroll:${normalized}`);

/** Register a display; its enrollment code and address come back once, valid {@link ENROLLMENT_HOURS} h. */
export async function createDisplay(env: AdminEnv, actor: AuditActor, name: string): Promise<CreatedDisplay> {
  const code = enrollmentCode();
  const now = env.now();
  const expires = new Date(now.getTime() + ENROLLMENT_HOURS * 3_600_000);
  const display = await env.store.transaction(async (trx) => {
    const d = await insertDisplay(trx, {
      id: randomUUID(),
      name,
      tokenHash: codeHash(code.replaceAll('-', '')),
      enrollExpiresAt: expires,
      createdBy: actor,
      now,
    });
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'display.create',
      targetKind: 'display',
      targetId: d.id,
      details: { name, enrollmentExpiresAt: expires.toISOString() },
    });
    return d;
  });
  return { display, enrollment: { code, url: enrollmentPath(code), expiresAt: expires.toISOString() } };
}

/**
 * Exchange an enrollment code (normalized: no dashes, uppercase) for a display session. The code
 * works once, within its validity, for a display not revoked. Returns the Set-Cookie value.
 */
export async function enrollDisplay(
  env: AdminEnv,
  sessions: Sessions,
  code: string,
): Promise<{ display: DisplayDevice; setCookie: string }> {
  const now = env.now();
  return env.store.transaction(async (trx) => {
    const display = await consumeEnrollment(trx, codeHash(code), now);
    if (!display) throw badRequest('code', 'unknown, already used or expired enrollment code: register the display again');
    const setCookie = await sessions.startDisplay(display.id, trx);
    await appendAudit(trx, {
      at: now,
      actor: { id: displayUserId(display.id), name: display.name },
      action: 'display.enroll',
      targetKind: 'display',
      targetId: display.id,
      details: { name: display.name },
    });
    return { display, setCookie };
  });
}

/** Revoke a display: its sessions end and its sockets close at once. Revoking it again changes nothing. */
export async function revokeDisplay(env: AdminEnv, actor: AuditActor, id: string): Promise<DisplayDevice> {
  const now = env.now();
  const { display, ended } = await env.store.transaction(async (trx) => {
    const revoked = await revokeDisplayRow(trx, id, now);
    if (!revoked) {
      const existing = await findDisplay(trx, id, now);
      if (!existing) throw notFound(`no display ${id}`);
      return { display: existing, ended: [] as string[] };
    }
    const ended = await deleteSessionsOfDisplay(trx, id);
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'display.revoke',
      targetKind: 'display',
      targetId: id,
      details: { name: revoked.name, sessionsEnded: ended.length },
    });
    return { display: revoked, ended };
  });
  env.disconnect(ended);
  return display;
}
