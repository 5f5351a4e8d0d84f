import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CliError } from './command.ts';
import { humanSize } from './safeFiles.ts';

/** What a verified database file holds: the figures an operator compares after a backup or restore. */
export interface DatabaseSummary {
  file: string;
  bytes: number;
  /** The event log's head sequence number. */
  head: number;
  cases: number;
  /** The newest migration applied, e.g. `0004_case_facts`. */
  migration: string;
}

/** Tables every StreetChief database has: the migrations' bookkeeping, the log's counter, the log and the cases. */
const REQUIRED_TABLES = ['kysely_migration', 'counters', 'events', 'incidents'];

/**
 * Check that a file is a whole StreetChief database: SQLite's integrity check passes, the
 * migrations table and the event log are there, and the log runs from 1 to its head without a
 * gap. Meant for files this tool writes (a backup or the copy a restore puts in place): it also
 * switches the file to a rollback journal, so it is one self-contained file with nothing beside
 * it (the server turns WAL back on when it opens the database). `label` names the file in
 * messages: the operator's file, not a temporary copy of it.
 */
export function verifyDatabase(file: string, label: string = file): DatabaseSummary {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = DELETE');
    const problems = db.prepare('PRAGMA integrity_check(10)').pluck().all() as string[];
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw new CliError(`${label} is damaged: SQLite's integrity check reports\n  ${problems.join('\n  ')}`);
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new CliError(`${label} is an SQLite database but not a StreetChief one: it has no ${missing.join(', ')} table`);
    const migration = db.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').pluck().get() as string | undefined;
    const head = db.prepare("SELECT value FROM counters WHERE name = 'event_seq'").pluck().get() as number | undefined;
    if (migration === undefined || head === undefined)
      throw new CliError(`${label} is not a StreetChief database: no migration has been applied or the event log has no counter`);
    const log = db.prepare('SELECT count(*) AS n, coalesce(min(seq), 0) AS lo, coalesce(max(seq), 0) AS hi FROM events').get() as {
      n: number;
      lo: number;
      hi: number;
    };
    // seq is the primary key, so n rows from 1 up to hi are exactly 1..hi.
    if (log.hi !== head || log.n !== head || (log.n > 0 && log.lo !== 1))
      throw new CliError(
        `${label} has a broken event log: head ${head}, but ${log.n} events numbered ${log.lo}..${log.hi} (expected 1..${head})`,
      );
    const cases = db.prepare('SELECT count(*) FROM incidents').pluck().get() as number;
    db.close();
    db = null;
    return { file: label, bytes: fs.statSync(file).size, head: Number(head), cases, migration };
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof Database.SqliteError) {
      if (err.code === 'SQLITE_NOTADB') throw new CliError(`${label} is not an SQLite database (${err.message})`);
      if (err.code.startsWith('SQLITE_CORRUPT')) throw new CliError(`${label} is damaged: ${err.message}`);
      throw new CliError(`${label} cannot be read as a database: ${err.message} (${err.code})`);
    }
    throw err;
  } finally {
    db?.close();
  }
}

/** The one-line summary printed after a backup or restore. */
export function formatSummary(verb: string, s: DatabaseSummary): string {
  return `${verb} ${s.file}: ${humanSize(s.bytes)} (${s.bytes} bytes), event log head ${s.head}, ${s.cases} cases, schema ${s.migration}, integrity ok`;
}
