import {
  DEFAULT_PERIOD_PRESET,
  customPeriodProblem,
  isPeriodPreset,
  namedCustom,
  namedPreset,
  type NamedPeriod,
  type PeriodPreset,
} from '@streetchief/shared/calendar/presets';

/**
 * The period a screen shows, as the user chose it: a preset (本月 by default) or a custom from–to.
 * The days and names come from the shared presets (shared/src/calendar/presets.ts), the one place
 * every screen takes its periods from; this module only reads and writes the choice in the address.
 */
export type PeriodChoice = { kind: PeriodPreset } | { kind: 'custom'; from: string; to: string };

export const DEFAULT_CHOICE: PeriodChoice = { kind: DEFAULT_PERIOD_PRESET };

/** The choice in a query string (`?period=last_month`, `?period=custom&from=…&to=…`); the default when absent or invalid. */
export function readPeriodChoice(search: string): PeriodChoice {
  const q = new URLSearchParams(search);
  const kind = q.get('period');
  if (isPeriodPreset(kind)) return { kind };
  if (kind === 'custom') {
    const from = q.get('from') ?? '';
    const to = q.get('to') ?? '';
    if (!customPeriodProblem(from, to)) return { kind, from, to };
  }
  return DEFAULT_CHOICE;
}

/** Writes the choice into `url`'s query (a custom period with its days; a preset by name only). */
export function writePeriodChoice(url: URL, choice: PeriodChoice): URL {
  url.searchParams.set('period', choice.kind);
  if (choice.kind === 'custom') {
    url.searchParams.set('from', choice.from);
    url.searchParams.set('to', choice.to);
  } else {
    url.searchParams.delete('from');
    url.searchParams.delete('to');
  }
  return url;
}

/** The choice's days and names at `now`. */
export function resolvePeriod(choice: PeriodChoice, now: Date): NamedPeriod {
  return choice.kind === 'custom' ? namedCustom({ from: choice.from, to: choice.to }, now) : namedPreset(choice.kind, now);
}

/** Two choices naming the same period. */
export function sameChoice(a: PeriodChoice, b: PeriodChoice): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'custom' || (b.kind === 'custom' && a.from === b.from && a.to === b.to);
}
