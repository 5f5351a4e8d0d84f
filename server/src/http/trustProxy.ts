import { isIP } from 'node:net';

/**
 * What Express's `trust proxy` gets: `false` (the client is the socket's peer), a hop count, or
 * the proxies' addresses (IPs, CIDRs and Express's names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validEntry(entry: string): boolean {
  if (NAMES.has(entry) || isIP(entry)) return true;
  const [ip, bits, ...rest] = entry.split('/');
  if (rest.length || !ip || !bits) return false;
  const family = isIP(ip);
  if (!family) return false;
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(bits) === 4; // a netmask, 10.0.0.0/255.0.0.0
}

/**
 * Parses TRUST_PROXY. Unset, empty, `false` or `0`: trust no proxy, so X-Forwarded-For is ignored
 * and nobody can pick the address their sign-in attempts are counted under. `true` is refused:
 * it would believe that header from any client.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true')
    throw new Error('TRUST_PROXY=true would take X-Forwarded-For from anyone; give the proxies (e.g. loopback, 10.0.0.0/8) or a hop count');
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !validEntry(e));
  if (bad !== undefined)
    throw new Error(`TRUST_PROXY: "${bad}" is not an address, a CIDR, loopback, linklocal or uniquelocal (nor a hop count)`);
  return entries;
}
