import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatProblem } from '@streetchief/shared/onboarding/index';
import type { AccountsSummary, ImportedAccount } from '../onboarding/importAccounts.ts';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, runImport, type ImportKind } from '../onboarding/runImport.ts';
import { Store } from '../store/store.ts';
import { CliError, databaseFromEnv, EXIT_REFUSED, EXIT_USAGE, resolveArg, type CliContext, type Command } from './command.ts';

const HELP = `usage: npm run cli -- import <what> FILE [--dry-run] [--sheet NAME] [--name DISTRICT] [--passwords-out FILE]

Import a district's own reference data into the server's database (SQLITE_FILE or DATABASE_URL).
The whole file is checked first; every problem is printed with its row or feature, and then
nothing is written. A valid file is written in one transaction. Running servers pick the change
up within a few seconds.

what:
  grids        the grid map, GeoJSON (FeatureCollection of Polygons; grids the new map drops are
               retired, cases keep their grid codes)
  departments  CSV or XLSX: 部门编码, 部门名称
  classes      CSV or XLSX: 大类编码, 大类名称, 小类编码, 小类名称, 类型, 处置时限, 时限单位,
               责任部门编码, 是否紧急 (import departments first)
  calendar     CSV or XLSX: 日期, 名称, 类型 (放假 / 调休上班); replaces the years it lists
  staff        CSV or XLSX: 网格编码, 岗位, 姓名, 电话 (import grids first; replaces the list)
  accounts     CSV or XLSX: 用户名, 姓名, 角色 (巡查员 网格员 调度员 部门处置员 督查 街长 管理员),
               网格编码 (several: separated by 、 , ; or spaces), 街道编码, 部门编码. All are
               created or none; each gets a temporary password, printed once, to be changed at
               the first sign-in (import the grids, departments first)

CSV may be UTF-8 (with or without BOM) or GBK, as Excel saves it. Do them in the order above.

options:
  --dry-run      check and print what would change, write nothing
  --sheet NAME   XLSX: the worksheet to read (default the first)
  --name NAME    grids: the district's name (default the stored one)
  --passwords-out FILE
                 accounts: write the temporary passwords to FILE (a new file, mode 0600) as
                 CSV instead of printing them
  -h, --help     show this text`;

/** `12 added, 3 updated, 150 unchanged` style lines from a summary object. */
function summaryLines(summary: object, indent = '  '): string[] {
  return Object.entries(summary).flatMap(([key, value]): string[] => {
    if (Array.isArray(value)) {
      if (value.length === 0) return [`${indent}${key}: none`];
      if (value.every((v) => typeof v !== 'object')) return [`${indent}${key}: ${value.join(', ')}`];
      return [
        `${indent}${key}:`,
        ...value.flatMap((v: object) => [
          `${indent}  - ${Object.entries(v)
            .map(([k, x]) => `${k} ${String(x)}`)
            .join(', ')}`,
        ]),
      ];
    }
    if (value && typeof value === 'object') return [`${indent}${key}:`, ...summaryLines(value, indent + '  ')];
    return [`${indent}${key}: ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(1) : String(value)}`];
  });
}

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  sheet: { type: 'string' },
  name: { type: 'string' },
  'passwords-out': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${HELP}`, EXIT_USAGE);
  }
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const parsed = parse(args);
  const { values, positionals } = parsed;
  if (values.help) {
    ctx.out(HELP);
    return 0;
  }
  const [kind, file, ...rest] = positionals;
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind) || !file || rest.length)
    throw new CliError(`expected one of ${IMPORT_KINDS.join(', ')} and one FILE\n\n${HELP}`, EXIT_USAGE);
  const filePath = resolveArg(ctx, file);
  let bytes: Buffer;
  try {
    if (fs.statSync(filePath).size > MAX_IMPORT_BYTES) throw new CliError(`${filePath} is over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
    bytes = fs.readFileSync(filePath);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${filePath}: ${(err as Error).message}`);
  }
  const dryRun = values['dry-run'] === true;
  const passwordsOut = values['passwords-out'] === undefined ? null : resolveArg(ctx, values['passwords-out']);
  if (passwordsOut !== null && kind !== 'accounts') throw new CliError(`--passwords-out is for accounts only\n\n${HELP}`, EXIT_USAGE);
  // Opened before anything is written: once the accounts exist, their passwords must have somewhere to go.
  const passwordsFd = passwordsOut !== null && !dryRun ? openPasswordsFile(passwordsOut) : null;
  let written = false;
  const store = await Store.open(databaseFromEnv(ctx));
  try {
    const outcome = await runImport(store, kind as ImportKind, bytes, { dryRun, now: new Date(), sheet: values.sheet, name: values.name });
    if (!outcome.ok) {
      for (const p of outcome.problems) ctx.err(formatProblem(p));
      ctx.err(`import ${kind}: ${outcome.problems.length} problem(s) in ${filePath}; nothing was written`);
      return EXIT_REFUSED;
    }
    ctx.out(`import ${kind} ${filePath}: ${dryRun ? 'valid (dry run, nothing written); it would make' : 'done'}`);
    let summary: object = outcome.summary;
    if (passwordsFd !== null && kind === 'accounts') {
      const accounts = (outcome.summary as unknown as AccountsSummary).accounts;
      fs.writeSync(passwordsFd, passwordsCsv(accounts));
      written = true;
      summary = { ...outcome.summary, accounts: accounts.map(({ password: _, ...a }) => a) };
      ctx.out(`  temporary passwords written to ${passwordsOut} (shown nowhere else; each must be changed at the first sign-in)`);
    } else if (kind === 'accounts' && !dryRun)
      ctx.out('  temporary passwords are shown this once; each must be changed at the first sign-in');
    for (const line of summaryLines(summary)) ctx.out(line);
    return 0;
  } finally {
    if (passwordsFd !== null) fs.closeSync(passwordsFd);
    // A refused file created no accounts: no empty passwords file is left behind.
    if (passwordsFd !== null && !written) fs.rmSync(passwordsOut!, { force: true });
    await store.close();
  }
}

/** A new file only the owner can read; an existing one is never overwritten (it may hold other passwords). */
function openPasswordsFile(file: string): number {
  try {
    return fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    throw new CliError(`cannot create ${file}: ${(err as Error).message}`);
  }
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The passwords as CSV with a BOM, so Excel opens the Chinese names right. */
function passwordsCsv(accounts: readonly ImportedAccount[]): string {
  const lines = [['用户名', '姓名', '角色', '临时密码'], ...accounts.map((a) => [a.username, a.displayName, a.role, a.password ?? ''])];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** `import <what> FILE`: reference data from the district's own files. */
export const importCommand: Command = {
  summary: 'import grids/departments/classes/calendar/staff/accounts from the district’s files (--dry-run to check only)',
  run,
};
