import { z } from 'zod';
import { DaySchema, periodRefinement } from '../calendar/period.ts';

/**
 * The audit log: every change an administrator (or the operator's command line, or a user to their
 * own password) makes to accounts and wall displays, written in the same transaction as the
 * change. Append-only: nothing updates or deletes an entry.
 */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.update',
  'user.disable',
  'user.enable',
  'user.password_reset',
  'user.password_change',
  'display.create',
  'display.enroll',
  'display.revoke',
  'api_client.issue',
  'api_client.revoke',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** How each action reads in the exported log and on the admin screen. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, { zh: string; en: string }>> = {
  'user.create': { zh: '创建账号', en: 'account created' },
  'user.update': { zh: '修改账号', en: 'account changed' },
  'user.disable': { zh: '停用账号', en: 'account disabled' },
  'user.enable': { zh: '启用账号', en: 'account enabled' },
  'user.password_reset': { zh: '重置密码', en: 'password reset' },
  'user.password_change': { zh: '本人修改密码', en: 'own password changed' },
  'display.create': { zh: '登记大屏', en: 'display registered' },
  'display.enroll': { zh: '大屏激活', en: 'display enrolled' },
  'display.revoke': { zh: '注销大屏', en: 'display revoked' },
  'api_client.issue': { zh: '发放接口密钥', en: 'API key issued' },
  'api_client.revoke': { zh: '吊销接口密钥', en: 'API key revoked' },
};

export const AUDIT_TARGET_KINDS = ['user', 'display', 'api_client'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** The actor id of entries made by the operator's command line (`npm run cli`). */
export const CLI_ACTOR_ID = 'cli';

export const AuditEntrySchema = z.object({
  /** Increasing with every entry: newer entries have larger ids. */
  id: z.number().int(),
  at: z.string(),
  /** A user id, `display:<id>` for a wall display, or `cli`. */
  actorId: z.string(),
  actorName: z.string(),
  action: AuditActionSchema,
  targetKind: z.enum(AUDIT_TARGET_KINDS),
  targetId: z.string(),
  /**
   * What changed: for accounts the username and the fields before and after
   * (`{username, changes: {role: {from, to}}}`), for displays the name. Never a password or hash.
   */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Which entries: a period of days, an action, a target. */
const AuditFilterShape = {
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  action: AuditActionSchema.optional(),
  targetId: z.string().min(1).max(200).optional(),
};

/**
 * `GET /api/admin/audit?from=&to=&action=&targetId=&cursor=&limit=`: newest first. `from`/`to` are
 * days in the district's time zone, both included, either may be open. `cursor` is the previous
 * page's `nextCursor`.
 */
export const AuditQuerySchema = z
  .object({
    ...AuditFilterShape,
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,15}$/, 'cursor: the nextCursor of the previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(periodRefinement({ maxDays: null }));
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** One page of the log; `nextCursor` is null on the last page. */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** `GET /api/admin/audit.{csv,xlsx}?from=&to=&action=&targetId=`: the whole selection, oldest first. */
export const AuditExportQuerySchema = z.object(AuditFilterShape).superRefine(periodRefinement({ maxDays: null }));
