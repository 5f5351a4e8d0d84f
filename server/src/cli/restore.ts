import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CliError, databaseFromEnv, parseOptions, required, resolveArg, type Command } from './command.ts';
import { postgresAdvice } from './postgresAdvice.ts';
import { removeWithSidecars, replaceFile, sameFile, sizeOf, tempPathFor } from './safeFiles.ts';
import { formatSummary, verifyDatabase, type DatabaseSummary } from './verifyDatabase.ts';

const HELP = `usage: npm run cli -- restore --from FILE [--force]

Put a backup made by \`npm run cli -- backup\` in place of the server's database (SQLITE_FILE,
default data/streetchief.sqlite, from the server workspace).

Stop the server first: a database cannot be swapped under a running server. This refuses
when it can tell the database is open (every server holds a lock on it), but between this
check and the swap nothing stops a server from starting, so do not start one meanwhile.

Before anything is replaced, the backup is copied beside the database and checked: SQLite's
integrity check, that it is a StreetChief database (the migrations table and the event log),
and that its event log has no gap. Only then does the copy take the database's name, in one
rename; the old database's -wal and -shm files are removed, since they belong to the old file.
A crash at any point leaves either the old database or the whole restored one.

On PostgreSQL (DATABASE_URL set) this prints the pg_restore command to use instead.
A relative FILE is taken from the directory you ran npm in.

options:
  --from FILE  the backup to restore
  --force      replace a database that holds data (without it, only a missing or empty
               database is replaced)
  -h, --help   show this text`;

/** How long to wait for a lock before concluding that someone holds the database open. */
const IN_USE_WAIT_MS = 250;

/**
 * Refuse when another connection has the database open. A server keeps it open in WAL mode,
 * which holds a shared lock for as long as the connection lives, so an exclusive lock taken in
 * exclusive locking mode fails at once; a plain BEGIN EXCLUSIVE would not notice an idle server,
 * since in WAL mode it only excludes other writers.
 */
function assertNotInUse(file: string): void {
  if (sizeOf(file) === null) return;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma(`busy_timeout = ${IN_USE_WAIT_MS}`);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
  } catch (err) {
    if (err instanceof Database.SqliteError) {
      if (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED'))
        throw new CliError(`${file} is in use (a server has it open): stop the server, then restore`);
      // Not a database SQLite can open: no server can be using it either.
      if (err.code === 'SQLITE_NOTADB' || err.code.startsWith('SQLITE_CORRUPT')) return;
    }
    throw err;
  } finally {
    db?.close();
  }
}

/** Whether replacing `file` would lose something: it, or a write-ahead log beside it, has content. */
function holdsData(file: string): boolean {
  return (sizeOf(file) ?? 0) > 0 || (sizeOf(`${file}-wal`) ?? 0) > 0;
}

/** Verify the backup `from`, then put it in place of the SQLite database `target`. The server must be stopped. */
export async function restoreSqlite(from: string, target: string, opts: { force?: boolean } = {}): Promise<DatabaseSummary> {
  const src = path.resolve(from);
  const dest = path.resolve(target);
  if (sizeOf(src) === null) throw new CliError(`there is no backup at ${src}`);
  if (sameFile(src, dest)) throw new CliError(`${src} is the database itself: restore from a backup file`);
  if ((sizeOf(`${src}-wal`) ?? 0) > 0)
    throw new CliError(
      `${src} has a write-ahead log beside it (${src}-wal): it is a live database or a plain copy of one, whose latest ` +
        'commits may be only in that log. Make backups with `npm run cli -- backup --to FILE`.',
    );
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest);
  try {
    fs.copyFileSync(src, tmp);
    // Checked on the copy about to take the database's name, so what is checked is what is put in place.
    const summary = verifyDatabase(tmp, src);
    assertNotInUse(dest);
    if (!opts.force && holdsData(dest)) throw new CliError(`${dest} already holds a database: pass --force to replace it with ${src}`);
    replaceFile(tmp, dest);
    return { ...summary, file: dest };
  } catch (err) {
    removeWithSidecars(tmp);
    throw err;
  }
}

/** `restore --from FILE [--force]`. */
export const restoreCommand: Command = {
  summary: 'put a backup in place of the SQLite database, server stopped (on PostgreSQL: the pg_restore command)',
  async run(args, ctx) {
    const opts = parseOptions(args, { from: { type: 'string' }, force: { type: 'boolean' } }, HELP, ctx);
    if (!opts) return 0;
    const from = required(opts.from, '--from', HELP);
    const db = databaseFromEnv(ctx);
    if (db.dialect === 'postgres') throw new CliError(postgresAdvice('restore', from));
    if (db.file === ':memory:') throw new CliError('SQLITE_FILE is :memory:, there is no file to restore into');
    const summary = await restoreSqlite(resolveArg(ctx, from), db.file, { force: opts.force === true });
    ctx.out(formatSummary('restored', summary));
    return 0;
  },
};
