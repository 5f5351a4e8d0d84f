import { z } from 'zod';
import { RoleSchema, UserSchema } from '../domain/roles.ts';
import { MAX_GRIDS_PER_USER } from '../domain/roleScope.ts';

/**
 * The administrator's account API (`/api/admin/users`, role admin only). Role and scope are
 * checked together against the district's reference data by `scopeProblem` (domain/roleScope.ts):
 * a 400 names the field (`departmentCode`, `streetCode`, `gridCodes`).
 */

/** 3–32 characters: lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'username: 3 to 32 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit');

export const DisplayNameSchema = z.string().trim().min(1).max(64);

const CodeSchema = z.string().trim().min(1).max(64);

/** `POST /api/admin/users`: a new account. Its temporary password comes back once in the answer. */
export const CreateUserSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  departmentCode: CodeSchema.nullable().default(null),
  streetCode: CodeSchema.nullable().default(null),
  gridCodes: z.array(CodeSchema).max(MAX_GRIDS_PER_USER).default([]),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

/**
 * `PATCH /api/admin/users/:id`: change name, role or scope. Omitted fields keep their value; the
 * result must still fit together (changing a street chief to a dispatcher sends `streetCode: null`
 * too). `expectedVersion` is the version the form was filled from: a stale one is a 409.
 */
export const UpdateUserSchema = z
  .object({
    expectedVersion: z.number().int().min(1),
    displayName: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    departmentCode: CodeSchema.nullable().optional(),
    streetCode: CodeSchema.nullable().optional(),
    gridCodes: z.array(CodeSchema).max(MAX_GRIDS_PER_USER).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedVersion'), {
    message: 'nothing to change: give displayName, role, departmentCode, streetCode or gridCodes',
    path: ['body'],
  });
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

/** One account as the administrator sees it. Times are ISO 8601 UTC; null when unknown (accounts older than these fields). */
export const AdminUserSchema = UserSchema.extend({
  /** Bumped by every change; send it back as `expectedVersion`. */
  version: z.number().int(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  /** Set for a new account and after a reset: the next sign-in must choose a password first. */
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

/** `GET /api/admin/users`: every account, by username. */
export const AdminUserListSchema = z.object({ users: z.array(AdminUserSchema) });
export type AdminUserList = z.infer<typeof AdminUserListSchema>;

/** `GET /api/admin/users/:id`, `PATCH …`, `POST …/disable`, `POST …/enable`. */
export const AdminUserAnswerSchema = z.object({ user: AdminUserSchema });
export type AdminUserAnswer = z.infer<typeof AdminUserAnswerSchema>;

/**
 * `POST /api/admin/users` (201) and `POST /api/admin/users/:id/reset-password`: the account and its
 * temporary password. The password is shown this once and stored only as a hash; the user must
 * replace it at the next sign-in.
 */
export const TemporaryPasswordAnswerSchema = z.object({ user: AdminUserSchema, temporaryPassword: z.string() });
export type TemporaryPasswordAnswer = z.infer<typeof TemporaryPasswordAnswerSchema>;

/** `:id` in the account routes. */
export const UserIdParamSchema = z.object({ id: z.string().min(1).max(200) });
