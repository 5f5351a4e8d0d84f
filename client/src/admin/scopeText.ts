import type { User } from '@streetchief/shared/domain/roles';
import { ROLE_SCOPE } from '@streetchief/shared/domain/roleScope';
import type { AdminKey } from '../i18n/admin.ts';
import type { AdminReference } from './useAdminReference.ts';

/**
 * An account's scope in words: a short form for the table cell and the full list for its title
 * (a grid officer may look after dozens of grids).
 */
export function scopeText(
  u: Pick<User, 'role' | 'departmentCode' | 'streetCode' | 'gridCodes'>,
  ref: Pick<AdminReference, 'grids' | 'departments' | 'streets'>,
  ta: (key: AdminKey, params?: Record<string, string | number>) => string,
): { short: string; full: string } {
  switch (ROLE_SCOPE[u.role]) {
    case 'district':
      return { short: ta('users.scopeDistrict'), full: ta('users.scopeDistrict') };
    case 'department': {
      const name = ref.departments.find((d) => d.code === u.departmentCode)?.name ?? u.departmentCode ?? '';
      return { short: name, full: `${name} (${u.departmentCode ?? ''})` };
    }
    case 'street': {
      const name = ref.streets.find((s) => s.code === u.streetCode)?.name ?? u.streetCode ?? '';
      return { short: name, full: `${name} (${u.streetCode ?? ''})` };
    }
    case 'grids': {
      const names = u.gridCodes.map((c) => ref.grids.find((g) => g.code === c)?.name ?? c);
      const short = names.length <= 2 ? names.join('、') : ta('users.scopeGrids', { n: names.length });
      return { short, full: names.join('、') };
    }
  }
}
