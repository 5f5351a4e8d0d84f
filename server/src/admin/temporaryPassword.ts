import { randomInt } from 'node:crypto';
import { passwordProblem } from '@streetchief/shared/admin/index';

/** Letters and digits that read unambiguously when handed over on paper or by phone: no i, l, o, I, O, 0, 1. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 5;
const GROUP_LENGTH = 4;

/**
 * A temporary password for a new or reset account, `xxxx-xxxx-xxxx-xxxx-xxxx`: 20 characters of a
 * 54-letter alphabet (115 bits) from the system's secure random source. It passes the password
 * policy like any other; the account must replace it at the next sign-in.
 */
export function temporaryPassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () =>
      Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const pw = groups.join('-');
    // Practically always at once; a draw that happens to spell the username or a common fragment is drawn again.
    if (!passwordProblem(pw, { username })) return pw;
  }
}
