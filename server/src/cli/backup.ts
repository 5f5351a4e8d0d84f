import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CliError, databaseFromEnv, parseOptions, required, resolveArg, type Command } from './command.ts';
import { postgresAdvice } from './postgresAdvice.ts';
import { removeWithSidecars, replaceFile, sameFile, sizeOf, tempPathFor } from './safeFiles.ts';
import { formatSummary, verifyDatabase, type DatabaseSummary } from './verifyDatabase.ts';

const HELP = `usage: npm run cli -- backup --to FILE [--force]

Copy the database to FILE while the server keeps running and writing. The copy is one
consistent snapshot, taken with SQLite's online backup API: it includes the commits still in
the write-ahead log (the -wal file), which a plain copy of the database file misses. It is
written under a temporary name, checked (integrity check, event log without gaps) and only
then renamed to FILE, so FILE is never a partial backup. FILE is a single self-contained
SQLite file; bring it back with \`npm run cli -- restore --from FILE\`.

The database is the one the server uses: SQLITE_FILE (default data/streetchief.sqlite, from
the server workspace), or PostgreSQL when DATABASE_URL is set, in which case this prints the
pg_dump command to use instead. A relative FILE is taken from the directory you ran npm in.

options:
  --to FILE   where to write the backup (its directory is created if needed)
  --force     replace FILE if it already exists
  -h, --help  show this text`;

/** Pages per backup step: all of them, see backupSqlite. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent online backup of the SQLite database at `source` into `to`, verified before it
 * takes the name `to`. Safe while a server has the database open and is writing to it.
 */
export async function backupSqlite(source: string, to: string, opts: { force?: boolean } = {}): Promise<DatabaseSummary> {
  const src = path.resolve(source);
  const dest = path.resolve(to);
  if (sizeOf(src) === null) throw new CliError(`there is no database at ${src} (check SQLITE_FILE)`);
  if (sameFile(src, dest)) throw new CliError(`the backup cannot replace the database itself (${src}): choose another --to`);
  if (sizeOf(dest) !== null && !opts.force) throw new CliError(`${dest} already exists: choose another name or pass --force to replace it`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest);
  const db = new Database(src, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Everything in one step: a step reads one snapshot, and SQLite restarts a stepwise backup
    // whenever another connection commits between steps, so under steady writes a backup in
    // small steps might never finish. The server's writers are not blocked (WAL lets them go on).
    await db.backup(tmp, { progress: () => ALL_PAGES });
    db.close();
    const summary = verifyDatabase(tmp, dest);
    replaceFile(tmp, dest);
    return summary;
  } catch (err) {
    removeWithSidecars(tmp);
    if (err instanceof Database.SqliteError) throw new CliError(`backup of ${src} failed: ${err.message} (${err.code})`);
    throw err;
  } finally {
    if (db.open) db.close();
  }
}

/** `backup --to FILE [--force]`. */
export const backupCommand: Command = {
  summary: 'consistent copy of the live SQLite database (on PostgreSQL: the pg_dump command to use)',
  async run(args, ctx) {
    const opts = parseOptions(args, { to: { type: 'string' }, force: { type: 'boolean' } }, HELP, ctx);
    if (!opts) return 0;
    const to = required(opts.to, '--to', HELP);
    const db = databaseFromEnv(ctx);
    if (db.dialect === 'postgres') throw new CliError(postgresAdvice('backup', to));
    if (db.file === ':memory:') throw new CliError('SQLITE_FILE is :memory:, there is no file to back up');
    const summary = await backupSqlite(db.file, resolveArg(ctx, to), { force: opts.force === true });
    ctx.out(formatSummary('backup', summary));
    return 0;
  },
};
