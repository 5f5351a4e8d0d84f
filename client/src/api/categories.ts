import { CaseClassSchema, type CaseClass } from '@streetchief/shared/domain/catalogue';
import { DepartmentSchema, type Department } from '@streetchief/shared/domain/district';
import { z } from 'zod';
import { requestJson } from './http.ts';

const CategoriesSchema = z.object({ classes: z.array(CaseClassSchema), departments: z.array(DepartmentSchema) });

export interface Categories {
  classes: CaseClass[];
  departments: Department[];
}

/** The case class catalogue and the departments (public). */
export async function getCategories(): Promise<Categories> {
  return CategoriesSchema.parse(await requestJson('/api/categories'));
}
