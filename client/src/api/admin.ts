import {
  AdminUserAnswerSchema,
  AdminUserListSchema,
  AuditPageSchema,
  CreatedDisplaySchema,
  DisplayAnswerSchema,
  DisplayListSchema,
  TemporaryPasswordAnswerSchema,
  type AdminUser,
  type AuditPage,
  type CreateUser,
  type CreatedDisplay,
  type DisplayDevice,
  type TemporaryPasswordAnswer,
  type UpdateUser,
} from '@streetchief/shared/admin/index';
import { z } from 'zod';
import { HttpError, requestJson } from './http.ts';

/** The administration API (`/api/admin/*`, role admin), every answer parsed against the shared contract. */

export async function listUsers(): Promise<AdminUser[]> {
  return AdminUserListSchema.parse(await requestJson('/api/admin/users')).users;
}

/** A new account and its temporary password (shown once). */
export async function createUser(body: CreateUser): Promise<TemporaryPasswordAnswer> {
  return TemporaryPasswordAnswerSchema.parse(await requestJson('/api/admin/users', { method: 'POST', json: body }));
}

export async function updateUser(id: string, body: UpdateUser): Promise<AdminUser> {
  return AdminUserAnswerSchema.parse(await requestJson(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: body })).user;
}

export async function setUserDisabled(id: string, disabled: boolean): Promise<AdminUser> {
  const path = `/api/admin/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`;
  return AdminUserAnswerSchema.parse(await requestJson(path, { method: 'POST', json: {} })).user;
}

/** A fresh temporary password (shown once); the account must replace it at its next sign-in. */
export async function resetPassword(id: string): Promise<TemporaryPasswordAnswer> {
  const path = `/api/admin/users/${encodeURIComponent(id)}/reset-password`;
  return TemporaryPasswordAnswerSchema.parse(await requestJson(path, { method: 'POST', json: {} }));
}

export async function listDisplays(): Promise<DisplayDevice[]> {
  return DisplayListSchema.parse(await requestJson('/api/admin/displays')).displays;
}

/** Registers a wall display; the enrollment code and address come back this once. */
export async function createDisplay(name: string): Promise<CreatedDisplay> {
  return CreatedDisplaySchema.parse(await requestJson('/api/admin/displays', { method: 'POST', json: { name } }));
}

export async function revokeDisplay(id: string): Promise<DisplayDevice> {
  return DisplayAnswerSchema.parse(await requestJson(`/api/admin/displays/${encodeURIComponent(id)}`, { method: 'DELETE' })).display;
}

/** One page of the audit log, newest first; pass the previous page's `nextCursor` for the next. */
export async function getAudit(cursor: string | null, limit = 50): Promise<AuditPage> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (cursor) q.set('cursor', cursor);
  return AuditPageSchema.parse(await requestJson(`/api/admin/audit?${q}`));
}

export const IMPORT_KINDS = ['grids', 'departments', 'classes', 'calendar', 'staff', 'accounts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const ProblemSchema = z.object({
  code: z.string(),
  feature: z.string(),
  field: z.string().optional(),
  message: z.string(),
  at: z.tuple([z.number(), z.number()]).optional(),
  areaM2: z.number().optional(),
});
export type ImportProblem = z.infer<typeof ProblemSchema>;

const ImportOkSchema = z.object({ ok: z.literal(true), dryRun: z.boolean(), summary: z.record(z.string(), z.unknown()) });
const ImportRefusedSchema = z.object({ ok: z.literal(false), problems: z.array(ProblemSchema) });
export type ImportOutcome = z.infer<typeof ImportOkSchema> | z.infer<typeof ImportRefusedSchema>;

/** The accounts an account import created, each with its temporary password (answered this once). */
export const ImportedAccountsSchema = z.array(
  z.object({ username: z.string(), displayName: z.string(), role: z.string(), password: z.string().optional() }),
);
export type ImportedAccounts = z.infer<typeof ImportedAccountsSchema>;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Type the import route expects for this file: by kind and name, not by what the OS guessed. */
function importType(kind: ImportKind, file: File): string {
  if (kind === 'grids') return 'application/geo+json';
  return /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE ? XLSX_TYPE : 'text/csv';
}

/**
 * Sends one reference-data file as the raw body. A 422 is an answer, not a failure: it carries
 * every problem the check found, and nothing was written.
 */
export async function importFile(kind: ImportKind, file: File, dryRun: boolean, name?: string): Promise<ImportOutcome> {
  const q = new URLSearchParams({ dryRun: String(dryRun) });
  if (name) q.set('name', name);
  try {
    const body = await requestJson(`/api/admin/import/${kind}?${q}`, {
      method: 'POST',
      headers: { 'Content-Type': importType(kind, file) },
      body: file,
    });
    return ImportOkSchema.parse(body);
  } catch (err) {
    if (err instanceof HttpError && err.status === 422) return ImportRefusedSchema.parse(err.body);
    throw err;
  }
}

const CoverageSchema = z.object({
  gridsWithoutChecker: z.array(z.object({ code: z.string(), name: z.string() })),
  classesWithoutDepartment: z.array(z.object({ code: z.string(), name: z.string(), departmentCode: z.string() })),
  departmentsWithoutHandler: z.array(z.object({ code: z.string(), name: z.string() })),
  counts: z.object({ grids: z.number(), staff: z.number(), departments: z.number(), classes: z.number(), accounts: z.number() }),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export async function getCoverage(): Promise<Coverage> {
  return CoverageSchema.parse(await requestJson('/api/admin/coverage'));
}

const GridChoicesSchema = z.object({
  features: z.array(
    z.object({
      properties: z.object({ code: z.string(), name: z.string(), streetCode: z.string(), streetName: z.string() }).loose(),
    }),
  ),
});
export interface GridChoice {
  code: string;
  name: string;
  streetCode: string;
  streetName: string;
}

/** The grids an account can be given, read leniently: a new district may have none yet. */
export async function getGridChoices(): Promise<GridChoice[]> {
  const body = GridChoicesSchema.parse(await requestJson('/api/grids'));
  return body.features.map(({ properties: p }) => ({ code: p.code, name: p.name, streetCode: p.streetCode, streetName: p.streetName }));
}
