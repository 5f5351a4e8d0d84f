import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../district/accounts.ts';
import { passwordProblem, PUBLISHED_PASSWORDS } from './password.ts';

const rule = (pw: string, username = 'zhangsan', current?: string) =>
  passwordProblem(pw, { username, ...(current !== undefined ? { current } : {}) })?.rule ?? null;

describe('password policy', () => {
  it('knows the demo password as published', () => {
    expect(PUBLISHED_PASSWORDS).toContain(DEMO_PASSWORD);
  });
  it('accepts a long mixed password', () => {
    expect(rule('Meilie-2026-river')).toBeNull();
    expect(rule('梅列区指挥中心值班7号')).toBeNull();
  });
  it('refuses short, long, username, published, one-class and repetitive passwords', () => {
    expect(rule('Ab3$efg9')).toBe('too_short');
    expect(rule('Ab3$'.repeat(65))).toBe('too_long');
    expect(rule('ZhangSan-2026!')).toBe('username');
    expect(rule(DEMO_PASSWORD)).toBe('too_short');
    expect(rule(`${DEMO_PASSWORD}-Xyz!`)).toBe('published');
    expect(rule('Password2026')).toBe('published');
    expect(rule('correcthorsebattery')).toBe('one_class');
    expect(rule('9348271650')).toBe('one_class');
    expect(rule('abababab12')).toBe('few_distinct');
    expect(rule('Meilie-2026-river', 'zhangsan', 'Meilie-2026-river')).toBe('unchanged');
  });
});
