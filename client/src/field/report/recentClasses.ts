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

/** Classes matching a search: by name, major class or code; every character of the query must appear in order. */
export function matchesClass(c: { code: string; name: string; major: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = `${c.name} ${c.major} ${c.code}`.toLowerCase();
  if (hay.includes(q)) return true;
  let i = 0;
  for (const ch of c.name.toLowerCase()) if (ch === q[i]) i++;
  return i === q.length;
}
