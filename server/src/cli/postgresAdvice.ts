/** A file name as one POSIX shell word (the advice is meant to be pasted into a shell). */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * On PostgreSQL the database server owns the data files, so this tool does not copy them: it
 * tells the operator the pg_dump / pg_restore commands that do (a dump is one consistent snapshot
 * taken while the application keeps writing). The URL stays a variable so no password is printed.
 */
export function postgresAdvice(command: 'backup' | 'restore', file: string): string {
  const f = shellWord(file);
  const dump = `pg_dump --format=custom --file=${f} "$DATABASE_URL"`;
  const restore = `pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" ${f}`;
  const lead =
    command === 'backup'
      ? 'this deployment stores its data in PostgreSQL (DATABASE_URL is set); back it up with pg_dump, which takes a consistent snapshot while the server runs:'
      : 'this deployment stores its data in PostgreSQL (DATABASE_URL is set); restore a pg_dump file with pg_restore, with the server stopped:';
  const lines =
    command === 'backup'
      ? [lead, `  ${dump}`, 'and restore it, with the server stopped, with:', `  ${restore}`]
      : [lead, `  ${restore}`, 'such a file is made, while the server runs, with:', `  ${dump}`];
  return lines.join('\n');
}
