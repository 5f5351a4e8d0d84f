import { z } from 'zod';
import type { CaseClass } from '../domain/catalogue.ts';
import type { Community, Department, Grid, Street } from '../domain/district.ts';
import { gridFullName } from '../domain/gridLabel.ts';
import { localName } from '../domain/localName.ts';
import type { Incident } from '../domain/incident.ts';
import type { CaseState } from '../domain/workflow.ts';
import type { Open311Locale } from './services.ts';

/**
 * Open311 GeoReport v2 service requests: what a client may post, and what anyone may read of a
 * case. A case read through Open311 is public: its class, stage, place, dates and the department
 * responsible, never a person (no reporter, handler, checker, contact, or free text a member of
 * staff typed). The description is shown only for requests that came in through Open311, where
 * the citizen wrote it for the purpose.
 */

/** Spec: descriptions up to 4,000 characters. */
export const OPEN311_DESCRIPTION_MAX = 4000;
/** Longest `client_request_id` a client may send to make a retry safe. */
export const CLIENT_REQUEST_ID_MAX = 64;
/** GET requests: the spec's defaults, the last 90 days and at most 1,000 results. */
export const OPEN311_DEFAULT_DAYS = 90;
export const OPEN311_MAX_RESULTS = 1000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Form fields send numbers as text ("26.26" is a latitude) and an empty field for none. */
const coordinate = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v)) : v), z.number().min(min).max(max).optional());

/**
 * `POST requests`. `api_key` is checked before this. A location is lat+long, or `address_id` =
 * a grid code (the grid's own point is used); `address_string` alone cannot be placed and is kept
 * as the address. `client_request_id` (ours, not the spec's): the same value from the same client
 * answers with the request already made instead of a second one.
 */
export const Open311PostSchema = z.object({
  service_code: z.string().trim().min(1, 'service_code is required').max(16),
  lat: coordinate(-90, 90),
  long: coordinate(-180, 180),
  address_string: optionalText(300),
  address_id: optionalText(32),
  description: z.string().trim().min(1, 'description is required').max(OPEN311_DESCRIPTION_MAX),
  media_url: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:/i.test(u), 'media_url must be http(s)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  email: optionalText(254),
  first_name: optionalText(100),
  last_name: optionalText(100),
  phone: optionalText(40),
  device_id: optionalText(100),
  account_id: optionalText(100),
  client_request_id: optionalText(CLIENT_REQUEST_ID_MAX),
});
export type Open311Post = z.infer<typeof Open311PostSchema>;

/** What Open311 keeps beside a case it brought in (never shown publicly except the description's case). */
export interface Open311Contact {
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  device_id?: string;
  account_id?: string;
}

export const contactOf = (p: Open311Post): Open311Contact =>
  Object.fromEntries(
    (['email', 'first_name', 'last_name', 'phone', 'device_id', 'account_id'] as const).filter((k) => p[k]).map((k) => [k, p[k]]),
  );

/** `GET requests` filters. Dates are ISO 8601; a comma-separated id or code list is allowed. */
export const Open311QuerySchema = z.object({
  service_request_id: optionalText(2000),
  service_code: optionalText(2000),
  start_date: optionalText(40),
  end_date: optionalText(40),
  status: z.enum(['open', 'closed']).optional(),
});

/** One service request as Open311 shows it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number;
  long: number;
  media_url: string;
}

/** What a case brought in by Open311 carries besides the case (its text and picture are public). */
export interface Open311Origin {
  description: string;
  mediaUrl: string | null;
}

/** The public word for each stage: what happened, never who did it. */
const STAGE_NOTES: Record<Open311Locale, Record<CaseState, (dept: string) => string>> = {
  'zh-CN': {
    reported: () => '已收到，待核实立案',
    registered: () => '已立案，待派遣',
    voided: () => '经核实不予立案',
    dispatched: (d) => `已派遣${d ? `至${d}` : ''}，待受理`,
    in_progress: (d) => `${d || '责任单位'}处置中`,
    handled: () => '已处置，待现场核查',
    closed: () => '已核查结案',
    parked: () => '已列入长期治理（挂账）',
  },
  en: {
    reported: () => 'Received, to be verified',
    registered: () => 'Registered, to be dispatched',
    voided: () => 'Not registered after verification',
    dispatched: (d) => `Dispatched${d ? ` to ${d}` : ''}, to be accepted`,
    in_progress: (d) => `In hand${d ? ` at ${d}` : ''}`,
    handled: () => 'Handled, awaiting the on-site check',
    closed: () => 'Checked on site and closed',
    parked: () => 'Listed for long-term treatment',
  },
};

export interface PublicRequestRefs {
  classes: ReadonlyMap<string, CaseClass>;
  departments: ReadonlyMap<string, Department>;
  streets: readonly Street[];
  communities: readonly Community[];
  /** A grid by code, retired ones included (old cases name grids a later map dropped). */
  grid: (code: string) => Grid | undefined;
}

/** Where a case is, in words: its street and its grid with the community once (列西街道 小蕉社区第01网格). */
function placeName(c: Incident, refs: PublicRequestRefs, locale: Open311Locale): string {
  const en = locale === 'en';
  const street = refs.streets.find((s) => s.code === c.streetCode);
  const community = refs.communities.find((m) => m.code === c.communityCode);
  const grid = refs.grid(c.gridCode);
  const gridName = grid ? gridFullName(localName(grid, locale), community ? localName(community, locale) : '', en ? ', ' : '') : c.gridCode;
  return [street ? localName(street, locale) : '', gridName].filter(Boolean).join(en ? ', ' : ' ');
}

/** Open or closed, the only two statuses of the spec; voided counts as closed. */
export const open311Status = (s: CaseState): 'open' | 'closed' => (s === 'closed' || s === 'voided' ? 'closed' : 'open');

/** A case as Open311 shows it to anyone (see the header: no person in it). */
export function open311Request(c: Incident, origin: Open311Origin | null, refs: PublicRequestRefs, locale: Open311Locale): Open311Request {
  const cls = refs.classes.get(c.categoryCode);
  const dept = c.leadDept ? refs.departments.get(c.leadDept) : undefined;
  const deptName = dept ? localName(dept, locale) : '';
  return {
    service_request_id: c.caseNo ?? c.id,
    status: open311Status(c.status),
    status_notes: STAGE_NOTES[locale][c.status](deptName),
    service_name: cls ? localName(cls, locale) : c.categoryCode,
    service_code: c.categoryCode,
    description: origin?.description ?? '',
    agency_responsible: deptName,
    service_notice: '',
    requested_datetime: c.reportedAt,
    updated_datetime: c.updatedAt,
    // The deadline while it runs; none once the case is finished or off the clock.
    expected_datetime: c.deadline && open311Status(c.status) === 'open' && c.status !== 'parked' ? c.deadline : '',
    address: placeName(c, refs, locale),
    address_id: c.gridCode,
    zipcode: '',
    lat: c.lat,
    long: c.lng,
    media_url: origin?.mediaUrl ?? '',
  };
}
