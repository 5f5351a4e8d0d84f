import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator } from 'kysely';
import { initial } from './migrations/0001_initial.ts';
import { photos } from './migrations/0002_photos.ts';
import { patrols } from './migrations/0003_patrols.ts';
import { caseFacts } from './migrations/0004_case_facts.ts';
import { photoHousekeeping } from './migrations/0005_photo_housekeeping.ts';
import { gridHistory } from './migrations/0006_grid_history.ts';
import { accounts } from './migrations/0007_accounts.ts';
import { caseNumbers } from './migrations/0008_case_numbers.ts';
import { lateness } from './migrations/0009_lateness.ts';
import { englishNames } from './migrations/0010_english_names.ts';
import { incidentPlaces } from './migrations/0011_incident_places.ts';
import { apiClients } from './migrations/0013_api_clients.ts';

/**
 * One migration set for SQLite and PostgreSQL: only types both understand. One file per migration
 * in migrations/, listed here in order; never edit a migration that has shipped, add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_photos': photos,
  '0003_patrols': patrols,
  '0004_case_facts': caseFacts,
  '0005_photo_housekeeping': photoHousekeeping,
  '0006_grid_history': gridHistory,
  '0007_accounts': accounts,
  '0008_case_numbers': caseNumbers,
  '0009_lateness': lateness,
  '0010_english_names': englishNames,
  '0011_incident_places': incidentPlaces,
  '0013_api_clients': apiClients,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Bring the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  // Kysely looks for its bookkeeping tables across all schemas unless told which one: name it, or
  // a sibling schema's tables (another test run, another tenant) would be taken for ours.
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
}

/**
 * Bring the database to the schema just before migration `name` (tests of a migration's backfill
 * start from the data the previous schema holds).
 */
export async function migrateBefore(db: Kysely<any>, name: string, schema?: string): Promise<void> {
  const names = Object.keys(migrations);
  const i = names.indexOf(name);
  if (i < 1) throw new Error(`no migration before ${name}`);
  const { error } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateTo(names[i - 1]!);
  if (error) throw new Error(`migrating to ${names[i - 1]} failed: ${String(error)}`);
}
