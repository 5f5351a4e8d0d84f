import type { Kysely, Migration } from 'kysely';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';

/** Each table's new columns: null when the district gives no such name (screens fall back to Chinese). */
const COLUMNS = {
  case_classes: ['name_en', 'major_en'],
  departments: ['name_en', 'short_name', 'short_name_en'],
  streets: ['name_en'],
  communities: ['name_en'],
  grids: ['name_en'],
} as const;

type Table = keyof typeof COLUMNS;

/**
 * English names (and departments' short names) of the reference data: case classes (`name_en`,
 * `major_en`), departments (`name_en`, `short_name`, `short_name_en`), streets, communities and grids
 * (`name_en`). All optional. Rows that are the sample district's, same code and same Chinese name,
 * get the sample's English names, so a demo database seeded before the upgrade reads in English too;
 * an imported district keeps nulls until a file gives its English names.
 */
export const englishNames: Migration = {
  async up(db: Kysely<any>) {
    for (const [table, columns] of Object.entries(COLUMNS) as [Table, readonly string[]][])
      for (const column of columns) await db.schema.alterTable(table).addColumn(column, 'text').execute();

    const sample = generateSampleDistrict();
    const fill = async (table: Table, rows: readonly { code: string; name: string; set: Record<string, string | undefined> }[]) => {
      for (const r of rows) await db.updateTable(table).set(r.set).where('code', '=', r.code).where('name', '=', r.name).execute();
    };
    await fill(
      'case_classes',
      SAMPLE_CATALOGUE.map((c) => ({ code: c.code, name: c.name, set: { name_en: c.nameEn, major_en: c.majorEn } })),
    );
    await fill(
      'departments',
      SAMPLE_DEPARTMENTS.map((d) => ({
        code: d.code,
        name: d.name,
        set: { name_en: d.nameEn, short_name: d.shortName, short_name_en: d.shortNameEn },
      })),
    );
    for (const table of ['streets', 'communities', 'grids'] as const)
      await fill(
        table,
        sample[table].map((x) => ({ code: x.code, name: x.name, set: { name_en: x.nameEn } })),
      );
  },
};
