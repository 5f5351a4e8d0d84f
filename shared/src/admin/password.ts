import { z } from 'zod';

/**
 * The password policy, in shared/ so the change-password form can say what is wrong before the
 * server does. It refuses what an attacker tries first: short passwords, the username, passwords
 * published with this software (the demo password) or on every list of common ones, and strings
 * of one kind of character.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Same bound as the sign-in form's, so every password that can be set can be typed there. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Passwords printed in this repository's source and README. An account that still has one is open
 * to anyone who has read them: the production start refuses while any active account does.
 */
export const PUBLISHED_PASSWORDS: readonly string[] = [
  // DEMO_PASSWORD of district/accounts.ts, written out: importing that module would put the demo's
  // account list into every page that checks a password (a test holds the two together).
  'demo1234',
];

/** Lowercase fragments from the top of every common-password list: a password containing one is refused. */
const COMMON_FRAGMENTS: readonly string[] = [
  ...PUBLISHED_PASSWORDS,
  'password',
  'passw0rd',
  'p@ssw0rd',
  '123456',
  '654321',
  'qwerty',
  'asdfgh',
  'zxcvbn',
  'abcdef',
  'abc123',
  'a12345',
  '111111',
  '000000',
  '888888',
  '666666',
  '520520',
  '5201314',
  'iloveyou',
  'woaini',
  'letmein',
  'welcome',
  'admin123',
  'changeme',
  'streetchief',
];

export type PasswordRule = 'too_short' | 'too_long' | 'username' | 'published' | 'one_class' | 'few_distinct' | 'unchanged';

export interface PasswordProblem {
  rule: PasswordRule;
  reason: string;
}

/** Lowercase letters, uppercase letters, digits, everything else (punctuation, spaces, Chinese characters). */
function characterClasses(pw: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];
  return classes.filter((c) => c.test(pw)).length;
}

/**
 * What is wrong with `next` as the new password of `username`, or null when it may be used.
 * `current`, when given, is the password it replaces: keeping it is not a change.
 */
export function passwordProblem(next: string, ctx: { username: string; current?: string }): PasswordProblem | null {
  // Short by characters as people count them; long by UTF-16 units, as the sign-in form's bound counts.
  if ([...next].length < PASSWORD_MIN_LENGTH) return { rule: 'too_short', reason: `at least ${PASSWORD_MIN_LENGTH} characters` };
  if (next.length > PASSWORD_MAX_LENGTH) return { rule: 'too_long', reason: `at most ${PASSWORD_MAX_LENGTH} characters` };
  if (ctx.current !== undefined && next === ctx.current)
    return { rule: 'unchanged', reason: 'the new password must differ from the current one' };
  const lower = next.toLowerCase();
  const name = ctx.username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return { rule: 'username', reason: 'the password must not contain the username' };
  const common = COMMON_FRAGMENTS.find((f) => lower.includes(f));
  if (common !== undefined) return { rule: 'published', reason: `the password contains "${common}", one of the first any attacker tries` };
  if (characterClasses(next) < 2)
    return { rule: 'one_class', reason: 'mix at least two of: lowercase, uppercase, digits, other characters' };
  if (new Set(next).size < 5) return { rule: 'few_distinct', reason: 'use at least 5 different characters' };
  return null;
}

/**
 * `POST /api/session/password`: change one's own password. The policy is checked on `next` after
 * parsing (it needs the username); the bound here only keeps absurd bodies out.
 */
export const PasswordChangeSchema = z.object({
  current: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  next: z.string().min(1).max(1024),
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;
