import { describe, expect, it } from 'vitest';
import { addressKey } from './clientAddress.ts';

describe('addressKey', () => {
  it('keeps an IPv4 address, also when a dual-stack socket writes it IPv4-mapped', () => {
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });

  it('counts IPv6 by its /64, however it is written, so hopping within a subscriber prefix does not help', () => {
    const key = addressKey('2001:db8:1:2::a');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:b')).toBe(key);
    expect(addressKey('2001:DB8:1:2:3:4:5:6')).toBe(key);
    expect(addressKey('2001:db8:1:2::192.0.2.7')).toBe(key);
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8:1:3::a')).not.toBe(key);
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('has a key for a missing address', () => {
    expect(addressKey(undefined)).toBe('unknown');
  });
});
