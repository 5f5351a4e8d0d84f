import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config.ts';
import { parseTrustProxy } from './trustProxy.ts';

describe('TRUST_PROXY', () => {
  it('trusts no proxy when unset, empty, false or 0', () => {
    for (const v of [undefined, '', 'false', '0', ' false ']) expect(parseTrustProxy(v)).toBe(false);
    expect(configFromEnv({}, '/nowhere').trustProxy).toBe(false);
  });

  it('passes a hop count or a list of addresses, CIDRs and names to Express', () => {
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,fd00::/8 ,192.0.2.1,10.1.0.0/255.255.0.0,uniquelocal')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.1',
      '10.1.0.0/255.255.0.0',
      'uniquelocal',
    ]);
    expect(configFromEnv({ TRUST_PROXY: 'loopback' }, '/nowhere').trustProxy).toEqual(['loopback']);
  });

  it('refuses true (it would trust X-Forwarded-For from anyone) and what is not an address, with a clear message', () => {
    expect(() => parseTrustProxy('true')).toThrow(/from anyone/);
    expect(() => parseTrustProxy('loopback,proxy.example')).toThrow(/"proxy.example"/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/10.0.0.0\/33/);
    expect(() => configFromEnv({ TRUST_PROXY: 'true' }, '/nowhere')).toThrow(/TRUST_PROXY=true/);
  });
});
