import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/**
 * Checks a password against the account's stored hash, or, when there is no such account, against
 * a decoy of the same cost. An unknown username then costs one scrypt like a known one, so the
 * answer's timing does not tell which usernames exist. The decoy is random bytes in the form of a
 * hash with today's parameters: checking it costs what checking a real one does, without hashing
 * anything at startup (start time, issue 11); no password matches it, and the answer is false anyway.
 */
export function passwordChecker(): (password: string, stored: string | null) => Promise<boolean> {
  const decoy = [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    randomBytes(16).toString('base64url'),
    randomBytes(PARAMS.keylen).toString('base64url'),
  ].join('$');
  return async (password, stored) => {
    if (stored !== null) return verifyPassword(password, stored);
    await verifyPassword(password, decoy);
    return false;
  };
}
