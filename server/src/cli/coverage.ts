import type { CoverageReport } from '@streetchief/shared/onboarding/index';
import { loadCoverage } from '../onboarding/coverage.ts';
import { Store } from '../store/store.ts';
import { databaseFromEnv, EXIT_REFUSED, parseOptions, type CliContext, type Command } from './command.ts';

const HELP = `usage: npm run cli -- coverage [--json]

What is still missing before every case can run to its end, from the server's database:
  grids without a checker      grids on the map no active patrol or grid staff account covers
  classes without a department case classes whose responsible department does not exist
  departments without a handler departments no dept_handler account works for

Exits 1 while anything is missing, 0 when coverage is complete.

options:
  --json      print the report as JSON
  -h, --help  show this text`;

/** The report as lines: one heading per gap with its count, then its members. */
export function coverageLines(r: CoverageReport): string[] {
  const c = r.counts;
  const section = (title: string, items: string[]) => [`${title}: ${items.length}`, ...items.map((i) => `  ${i}`)];
  return [
    `grids ${c.grids}, staff ${c.staff}, departments ${c.departments}, classes ${c.classes}, accounts ${c.accounts}`,
    ...section(
      '无核查人员的网格 (grids without a checker)',
      r.gridsWithoutChecker.map((g) => `${g.code} ${g.name}`),
    ),
    ...section(
      '无责任部门的分类 (classes without a department)',
      r.classesWithoutDepartment.map((k) => `${k.code} ${k.name} → ${k.departmentCode}`),
    ),
    ...section(
      '无处置人员的部门 (departments without a handler)',
      r.departmentsWithoutHandler.map((d) => `${d.code} ${d.name}`),
    ),
  ];
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const values = parseOptions(args, { json: { type: 'boolean' } }, HELP, ctx);
  if (!values) return 0;
  const store = await Store.open(databaseFromEnv(ctx));
  try {
    const report = await loadCoverage(store);
    if (values.json) ctx.out(JSON.stringify(report, null, 2));
    else for (const line of coverageLines(report)) ctx.out(line);
    const missing = report.gridsWithoutChecker.length + report.classesWithoutDepartment.length + report.departmentsWithoutHandler.length;
    return missing ? EXIT_REFUSED : 0;
  } finally {
    await store.close();
  }
}

/** `coverage`: grids, classes and departments that nobody can yet act on. */
export const coverageCommand: Command = {
  summary: 'what is missing: grids without a checker, classes without a department, departments without a handler',
  run,
};
