import { z } from 'zod';
import { DisplayNameSchema } from './users.ts';

/**
 * Wall displays (大屏) enrolled by an administrator instead of signing in with a shared password.
 * `POST /api/admin/displays {name}` answers an enrollment code, shown once, valid for
 * {@link ENROLLMENT_HOURS} hours and for one use. The wall page opens `/wall?enroll=CODE` and
 * exchanges it at `POST /api/displays/enroll {code}` for a cookie session of kind `display`: the
 * read-only wall role, the whole district, signed in for as long as it is used and not revoked.
 * `DELETE /api/admin/displays/:id` revokes it; its sessions end and its sockets close at once.
 */
export const ENROLLMENT_HOURS = 24;

/** Letters and digits nobody confuses when typing on a television remote: no 0/O, 1/I/L, U. */
export const ENROLLMENT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Groups of four, `ABCD-EFGH-…`: 20 characters of a 30-letter alphabet, 98 bits. */
export const ENROLLMENT_GROUPS = 5;

/** The code as typed: case, spaces and dashes do not matter. */
export function normalizeEnrollmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** The wall page's address that enrolls a display with `code`. */
export const enrollmentPath = (code: string) => `/wall?enroll=${encodeURIComponent(code)}`;

export const CreateDisplaySchema = z.object({ name: DisplayNameSchema });
export type CreateDisplay = z.infer<typeof CreateDisplaySchema>;

export const EnrollSchema = z.object({
  code: z
    .string()
    .max(64)
    .transform(normalizeEnrollmentCode)
    .pipe(z.string().length(4 * ENROLLMENT_GROUPS, 'code: the enrollment code shown when the display was registered')),
});
export type Enroll = z.infer<typeof EnrollSchema>;

/**
 * pending: registered, waiting for its code; expired: the code passed unused; active: enrolled;
 * revoked: its sessions were ended and it cannot come back (register it again).
 */
export const DISPLAY_STATUSES = ['pending', 'expired', 'active', 'revoked'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const DisplayDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(DISPLAY_STATUSES),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  /** Until when the enrollment code works (pending), or worked. */
  enrollmentExpiresAt: z.string(),
  enrolledAt: z.string().nullable(),
  /** Last use of its session, to within a few minutes. */
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DisplayDevice = z.infer<typeof DisplayDeviceSchema>;

/** `GET /api/admin/displays`: newest first. */
export const DisplayListSchema = z.object({ displays: z.array(DisplayDeviceSchema) });
export type DisplayList = z.infer<typeof DisplayListSchema>;

/** `DELETE /api/admin/displays/:id`. */
export const DisplayAnswerSchema = z.object({ display: DisplayDeviceSchema });

/** `POST /api/admin/displays` (201): the code and the address, shown once; only a hash is kept. */
export const CreatedDisplaySchema = z.object({
  display: DisplayDeviceSchema,
  enrollment: z.object({ code: z.string(), url: z.string(), expiresAt: z.string() }),
});
export type CreatedDisplay = z.infer<typeof CreatedDisplaySchema>;

export const DisplayIdParamSchema = z.object({ id: z.string().min(1).max(200) });
