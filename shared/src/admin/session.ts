import { z } from 'zod';
import { UserSchema } from '../domain/roles.ts';

/** What a session belongs to: a person who signed in, or a wall display enrolled by an administrator. */
export const SESSION_KINDS = ['user', 'display'] as const;
export const SessionKindSchema = z.enum(SESSION_KINDS);
export type SessionKind = z.infer<typeof SessionKindSchema>;

/**
 * The answer of `POST /api/session` (sign in), `GET /api/session`, `POST /api/session/password`
 * and `POST /api/displays/enroll`. While `mustChangePassword` is true the session may only read
 * itself, sign out and change the password (`POST /api/session/password`); everything else is
 * 403 `{error: 'password_change_required'}`.
 */
export const SessionAnswerSchema = z.object({
  user: UserSchema,
  kind: SessionKindSchema,
  mustChangePassword: z.boolean(),
});
export type SessionAnswer = z.infer<typeof SessionAnswerSchema>;

/** The `error` of a request refused because the account must change its password first. */
export const PASSWORD_CHANGE_REQUIRED = 'password_change_required';
