import { matchClass, type SearchableClass } from '@streetchief/shared/domain/classSearch';

const KEY = 'streetchief.field.recentClasses';
const MAX = 6;

/** The classes this phone reported most recently, newest first (a patrol sees the same problems daily). */
export function recentClasses(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberClass(code: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([code, ...recentClasses().filter((c) => c !== code)].slice(0, MAX)));
  } catch {
    // Storage full or disabled: recents are a convenience.
  }
}

/** Classes matching a search: Chinese or English name, major class or code (the one rule in shared/domain/classSearch.ts). */
export function matchesClass(c: SearchableClass, query: string): boolean {
  return matchClass(c, query);
}
