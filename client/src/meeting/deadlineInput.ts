/**
 * The decision form's deadline field: a `datetime-local` input read as district time. Shanghai
 * has had no daylight saving since 1991, so the offset is a constant.
 */
const OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DDTHH:mm` in Shanghai time, for a `datetime-local` input. */
export function toLocalInput(t: number | Date): string {
  const ms = t instanceof Date ? t.getTime() : t;
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value as an ISO timestamp with the +08:00 offset (what the API takes), or null. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** A preset deadline: `days` calendar days from now, at 17:30 district time (end of the working day). */
export function presetDeadline(now: Date, days: number): string {
  const day = toLocalInput(now.getTime() + days * 86_400_000).slice(0, 10);
  return `${day}T17:30`;
}
