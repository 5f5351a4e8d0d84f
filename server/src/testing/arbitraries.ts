import fc from 'fast-check';
import type { z } from 'zod';
import { DaySchema, InstantSchema, MAX_PERIOD_DAYS } from '@streetchief/shared/calendar/period';

/**
 * fast-check arbitraries derived from the zod schemas the server parses with, for fuzzing every
 * route. Two flavours per schema: `valid` stays inside what the schema says (with its boundaries:
 * the shortest and longest string, the smallest and largest number, the first and last day of the
 * accepted years) and `mutant` leaves it now and then at any node (a wrong type, one past a bound,
 * year 0001 or 9999, Feb 30, NaN-like text, a huge number, nested junk). Only the zod 4 node
 * types the shared schemas use are mapped; anything else gets arbitrary JSON, so a new schema
 * still gets fuzzed, just less cleverly.
 */

/** How values are sent: as JSON (numbers stay numbers) or in a query string / path (all text). */
export type Channel = 'json' | 'text';

export interface DeriveOptions {
  /** Leave the schema at some nodes (wrong types, out of range) instead of staying inside it. */
  mutate: boolean;
  channel: Channel;
  /**
   * Extra values for object keys of this name, mixed with the derived ones: real codes and ids
   * (a category that exists, a point inside the district) so valid bodies reach past the parser.
   */
  hints?: Record<string, fc.Arbitrary<unknown>>;
}

const DAY_MS = 86_400_000;

/** Text that breaks naive parsers: NaN-like, numbers in odd notations, control and astral characters. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  'undefined',
  'null',
  'true',
  '0',
  '-0',
  '-1',
  '1e309',
  '-1e309',
  '0x1F',
  '1_000',
  '9007199254740993',
  '１２３',
  '\u0000',
  '\u202e\u0645',
  '😀👍🏽',
  '𠜎𠜱',
  '街长制',
  '\ud800',
  '%00',
  '%E0%A4%A',
  "'; DROP TABLE incidents; --",
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'a'.repeat(257),
  'x'.repeat(5000),
];

/** Days a parser might misread: impossible dates, far years, odd separators. */
export const NASTY_DAYS: readonly string[] = [
  '0000-01-01',
  '0001-01-01',
  '0002-12-31',
  '1999-12-31',
  '2101-01-01',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '2026-1-1',
  '2026/01/01',
  '20260101',
  '2026-01-01T00:00:00Z',
  '2026-01-01 ',
  ' 2026-01-01',
];

/** Instants a parser might misread: no offset, year 0 and 9999, leap seconds, overflowing fields. */
export const NASTY_INSTANTS: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+08:00',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-02-30T10:00:00+08:00',
  '2026-06-30T23:59:60Z',
  '2026-06-01T24:00:00Z',
  '2026-06-01T10:00:00',
  '2026-06-01T10:00:00+25:00',
  '2026-06-01',
  '1970-01-01T00:00:00Z',
  '2100-12-31T23:59:59.999-12:00',
  '2000-01-01T00:00:00+14:00',
];

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** A real day of 2000–2100 (the accepted years), with the ends and leap days well represented. */
export const validDay: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2000-01-01', '2100-12-31', '2024-02-29', '2000-02-29'),
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
  // Days around now: the ones that hold data.
  fc.integer({ min: -40, max: 5 }).map((d) => new Date(Date.now() + d * DAY_MS).toISOString().slice(0, 10)),
);

/** An instant near now (a phone's plausible time) or anywhere in the accepted years, in various offsets. */
export const validInstant: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: -9 * DAY_MS, max: 10 * 60_000 }).map((d) => Date.now() + d),
      fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2100, 11, 30) }),
    ),
    fc.constantFrom(0, 8 * 60, -5 * 60, 14 * 60, -12 * 60, 5 * 60 + 45),
  )
  .map(([ms, offsetMin]) => {
    const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
    if (offsetMin === 0) return `${local}Z`;
    const sign = offsetMin < 0 ? '-' : '+';
    const a = Math.abs(offsetMin);
    return `${local}${sign}${twoDigits(Math.floor(a / 60))}:${twoDigits(a % 60)}`;
  });

/** Any text: short strings, full unicode, nasty constants. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_DAYS, ...NASTY_INSTANTS),
);

/** A value of the wrong kind for whatever was expected, including deep and odd JSON. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [[[[[]]]]], { $gt: '' }, { __proto__: { a: 1 } }),
  anyText,
  fc.double(),
  fc.jsonValue({ maxDepth: 4 }),
  // Deep nesting: a parser that recurses without a bound falls over here.
  fc.integer({ min: 50, max: 400 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown),
);

type Def = { type: string; [k: string]: unknown };
type Check = { check: string; [k: string]: unknown };

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (s: z.ZodType): Check[] => ((defOf(s).checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Schemas that carry their rule in a refinement zod cannot describe: generated by hand. */
const BY_REFERENCE = new Map<z.ZodType, { valid: fc.Arbitrary<string>; nasty: readonly string[] }>([
  [DaySchema, { valid: validDay, nasty: NASTY_DAYS }],
  [InstantSchema, { valid: validInstant, nasty: NASTY_INSTANTS }],
]);

/** A value for `schema`, valid or now and then not (see {@link DeriveOptions}). */
export function derive(schema: z.ZodType, opts: DeriveOptions): fc.Arbitrary<unknown> {
  const inner = deriveNode(schema, opts);
  if (!opts.mutate) return inner;
  return fc.oneof({ weight: 6, arbitrary: inner }, { weight: 1, arbitrary: junkValue });
}

function deriveNode(schema: z.ZodType, opts: DeriveOptions): fc.Arbitrary<unknown> {
  const known = BY_REFERENCE.get(schema);
  if (known) {
    return opts.mutate
      ? fc.oneof({ weight: 3, arbitrary: known.valid }, { weight: 2, arbitrary: fc.constantFrom(...known.nasty) })
      : known.valid;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectArb(def.shape as Record<string, z.ZodType>, opts);
    case 'string':
      return stringArb(schema, opts);
    case 'number':
      return numberArb(schema, opts);
    case 'boolean':
      return opts.channel === 'text' ? fc.constantFrom('true', 'false') : fc.boolean();
    case 'enum': {
      const values = Object.values(def.entries as Record<string, string | number>);
      return fc.constantFrom(...values).map((v) => (opts.channel === 'text' ? String(v) : v));
    }
    case 'literal': {
      const values = def.values as unknown[];
      return fc.constantFrom(...values).map((v) => (opts.channel === 'text' ? String(v) : v));
    }
    case 'array': {
      const { min, max } = lengthBounds(schema);
      const item = derive(def.element as z.ZodType, opts);
      const cap = Math.min(max ?? 12, 12);
      const lengths = opts.mutate ? { minLength: 0, maxLength: cap + 1 } : { minLength: min ?? 0, maxLength: Math.max(min ?? 0, cap) };
      return fc.array(item, lengths);
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map((s) => derive(s, opts)));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return deriveNode(def.innerType as z.ZodType, opts);
    case 'nullable':
      return fc.option(deriveNode(def.innerType as z.ZodType, opts), { nil: null, freq: 5 });
    case 'pipe':
      return deriveNode(def.in as z.ZodType, opts);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((s) => deriveNode(s, opts)));
    case 'intersection':
      return fc
        .tuple(deriveNode(def.left as z.ZodType, opts), deriveNode(def.right as z.ZodType, opts))
        .map(([a, b]) => (isPlainObject(a) && isPlainObject(b) ? { ...a, ...b } : a));
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isOptionalKey(s: z.ZodType): boolean {
  const t = defOf(s).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

function objectArb(shape: Record<string, z.ZodType>, opts: DeriveOptions): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [key, s] of Object.entries(shape)) {
    const derived = derive(s, opts);
    const hint = opts.hints?.[key];
    model[key] = hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: derived }) : derived;
    // A mutant may drop a required key; a valid value keeps them all.
    if (!isOptionalKey(s) && !opts.mutate) requiredKeys.push(key);
  }
  let record: fc.Arbitrary<unknown> = fc.record(model, { requiredKeys: opts.mutate ? [] : requiredKeys });
  // A period ({from, to}) is checked across its ends: a valid one is in order and not too long.
  if ('from' in shape && 'to' in shape) record = record.map((r) => (opts.mutate ? r : orderPeriod(r as Record<string, unknown>)));
  if (!opts.mutate) return record;
  // Extra keys: unknown ones are stripped by zod objects, prototype-ish ones must not leak through.
  const extra = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'x', '$where', 'id', ''), junkValue, { maxKeys: 2 });
  return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...(r as object) }));
}

/** `from` ≤ `to` and at most {@link MAX_PERIOD_DAYS} days apart, when both are days. */
function orderPeriod(r: Record<string, unknown>): Record<string, unknown> {
  const { from, to } = r;
  if (typeof from !== 'string' || typeof to !== 'string') return r;
  const [a, b] = from <= to ? [from, to] : [to, from];
  const span = (Date.parse(b) - Date.parse(a)) / DAY_MS;
  const end = span >= MAX_PERIOD_DAYS ? new Date(Date.parse(a) + (span % MAX_PERIOD_DAYS) * DAY_MS).toISOString().slice(0, 10) : b;
  return { ...r, from: a, to: end };
}

function lengthBounds(schema: z.ZodType): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length') out.min = c.minimum as number;
    if (c.check === 'max_length') out.max = c.maximum as number;
    if (c.check === 'length_equals') out.min = out.max = c.length as number;
  }
  return out;
}

function stringArb(schema: z.ZodType, opts: DeriveOptions): fc.Arbitrary<string> {
  const checks = checksOf(schema);
  const format = checks.find((c) => c.check === 'string_format');
  const { min = 0, max } = lengthBounds(schema);
  const trims = checks.some((c) => c.check === 'overwrite');
  let valid: fc.Arbitrary<string>;
  if (format?.format === 'uuid' || format?.format === 'guid') valid = fc.uuid({ version: [4] });
  else if (format?.format === 'datetime') valid = validInstant;
  else if (format?.format === 'regex' && format.pattern instanceof RegExp) valid = fc.stringMatching(format.pattern);
  else if (checks.some((c) => c.check === 'custom')) valid = fc.oneof(validDay, validInstant, anyText);
  else {
    const hi = Math.min(max ?? 64, 4000);
    const lo = Math.min(min, hi);
    const filler = fc.oneof(
      fc.string({ minLength: lo, maxLength: Math.min(hi, lo + 40) }),
      fc.string({ unit: 'grapheme', minLength: lo, maxLength: Math.min(hi, lo + 20) }),
    );
    // The longest string allowed, in CJK: four UTF-8 bytes a character are where byte and length limits part.
    const longest = fc.constantFrom('a', '街', '𠜎').map((ch) => ch.repeat(ch.length === 2 ? Math.floor(hi / 2) : hi));
    valid = fc.oneof({ weight: 5, arbitrary: filler }, { weight: 1, arbitrary: longest });
    // A trimmed min-length string must keep content after trimming.
    if (trims && lo > 0) valid = valid.map((s) => (s.trim().length >= lo ? s : `x${s}`.slice(0, hi)));
  }
  if (!opts.mutate) return valid;
  const edges: string[] = [...NASTY_STRINGS];
  if (max !== undefined) edges.push('b'.repeat(max + 1), '街'.repeat(max + 1));
  if (min > 0) edges.push('c'.repeat(min - 1), ' '.repeat(min + 1));
  if (format?.format === 'uuid')
    edges.push('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-fffffffffffff', '{12345678-1234-4234-8234-123456789012}');
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(...edges) }, { weight: 1, arbitrary: anyText });
}

function numberArb(schema: z.ZodType, opts: DeriveOptions): fc.Arbitrary<unknown> {
  let min = -1e9;
  let max = 1e9;
  let int = false;
  for (const c of checksOf(schema)) {
    if (c.check === 'greater_than') min = (c.value as number) + (c.inclusive ? 0 : Number.EPSILON);
    if (c.check === 'less_than') max = (c.value as number) - (c.inclusive ? 0 : Number.EPSILON);
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) int = true;
  }
  const lo = Math.max(min, int ? Number.MIN_SAFE_INTEGER : -Number.MAX_VALUE);
  const hi = Math.min(max, int ? Number.MAX_SAFE_INTEGER : Number.MAX_VALUE);
  const inRange: fc.Arbitrary<number> = int
    ? fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }), fc.constantFrom(Math.ceil(lo), Math.floor(hi)))
    : fc.oneof(fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(lo, hi));
  const text = opts.channel === 'text';
  const valid = text ? inRange.map(String) : inRange;
  if (!opts.mutate) return valid;
  const edges: unknown[] = [lo - 1, hi + 1, lo - 0.5, 2 ** 53 + 1, 1e308, -1e308, 0.1, -0];
  const odd = text
    ? fc.constantFrom(...edges.map(String), ...NASTY_STRINGS.slice(0, 17), '1.0', ' 5 ', '5abc', '')
    : fc.constantFrom(...edges, '1', '', null);
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: odd });
}
