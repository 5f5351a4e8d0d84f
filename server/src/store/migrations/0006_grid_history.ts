import type { Kysely, Migration } from 'kysely';

/**
 * Grids outlive the map that drew them: a re-imported map retires the grids it no longer has
 * (`retired_at`, null while the grid is in use) instead of deleting them, so old cases, which keep
 * their grid code, still find the grid's name. Retired grids are off the map and out of locate.
 */
export const gridHistory: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('grids').addColumn('retired_at', 'text').execute();
  },
};
