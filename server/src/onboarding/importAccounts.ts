import type { Role } from '@streetchief/shared';
import { checkAccounts, type Problem, type Sheet } from '@streetchief/shared/onboarding/index';
import { insertCreatedUser } from '../admin/userCommands.ts';
import { temporaryPassword } from '../admin/temporaryPassword.ts';
import { hashPassword } from '../auth/password.ts';
import type { AuditActor } from '../store/auditRepo.ts';
import { listDepartments, listGrids, listStreets } from '../store/referenceRepo.ts';
import type { Executor, Store } from '../store/store.ts';
import { listAdminUsers } from '../store/userRepo.ts';
import { importInTransaction, type ImportOutcome } from './transaction.ts';

/** One account of an import; `password` (the temporary one) only when it was created, shown this once. */
export interface ImportedAccount {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
}

export interface AccountsSummary {
  created: number;
  accounts: ImportedAccount[];
}

/** The file checked against the reference data and the accounts (disabled ones too: their names stay taken) as stored now. */
async function check(ex: Executor, sheet: Sheet) {
  const [grids, streets, departments, users] = await Promise.all([listGrids(ex), listStreets(ex), listDepartments(ex), listAdminUsers(ex)]);
  const g = new Set(grids.map((x) => x.code));
  const s = new Set(streets.map((x) => x.code));
  const d = new Set(departments.map((x) => x.code));
  const taken = new Set(users.map((u) => u.username));
  return checkAccounts(sheet, { hasGrid: (c) => g.has(c), hasStreet: (c) => s.has(c), hasDepartment: (c) => d.has(c) }, (u) =>
    taken.has(u),
  );
}

/**
 * Staff accounts (用户名, 姓名, 角色, 网格编码, 街道编码, 部门编码): every row checked first, then all
 * created in one transaction or none. Each gets a generated temporary password, to be changed at
 * the first sign-in, and a `user.create` audit entry. The passwords are in the answer only: they
 * are stored hashed. A dry run checks and lists the accounts without passwords.
 */
export async function importAccounts(
  store: Store,
  sheet: Sheet,
  o: { dryRun: boolean; now: Date; actor: AuditActor },
): Promise<ImportOutcome<AccountsSummary>> {
  // Checked before hashing, so a bad file costs no key derivation; checked again inside the
  // transaction, where another administrator may have taken a name in between.
  const first = await check(store.db, sheet);
  if (!first.ok) return first;
  const prepared = o.dryRun
    ? []
    : await Promise.all(
        first.accounts.map(async (a) => {
          const password = temporaryPassword(a.username);
          return { username: a.username, password, hash: await hashPassword(password) };
        }),
      );
  const byName = new Map(prepared.map((p) => [p.username, p]));
  return importInTransaction(
    store,
    o.dryRun,
    async (trx): Promise<{ ok: true; summary: AccountsSummary } | { ok: false; problems: Problem[] }> => {
      const checked = await check(trx, sheet);
      if (!checked.ok) return checked;
      const accounts: ImportedAccount[] = [];
      for (const a of checked.accounts) {
        const shown = { username: a.username, displayName: a.displayName, role: a.role };
        const p = byName.get(a.username);
        if (!p) {
          accounts.push(shown);
          continue;
        }
        await insertCreatedUser(trx, o.actor, a, p.hash, { now: o.now, mustChangePassword: true });
        accounts.push({ ...shown, password: p.password });
      }
      return { ok: true, summary: { created: o.dryRun ? 0 : accounts.length, accounts } };
    },
  );
}
