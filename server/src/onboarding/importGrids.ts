import { FINAL_STATES } from '@streetchief/shared';
import {
  checkGrids,
  districtOfCode,
  problem,
  type Outline,
  type Problem,
  type TopologyTolerance,
} from '@streetchief/shared/onboarding/index';
import { replaceGeography } from '../store/referenceRepo.ts';
import type { Executor, Store } from '../store/store.ts';
import { decodeText } from './decode.ts';
import { importInTransaction, type ImportOutcome } from './transaction.ts';

export interface GridImportSummary {
  grids: { total: number; added: number; updated: number; unchanged: number; retired: string[]; restored: string[] };
  communities: { total: number; added: number; updated: number };
  streets: { total: number; added: number; updated: number };
  outline: Outline | null;
  /** Cases still open in grids this map retired: they keep their grid, which is off the map now. */
  openCasesInRetiredGrids: number;
  districtName: string;
}

/** A GeoJSON file's bytes as parsed JSON, or the problem reading it. */
export function parseGeoJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  if (bytes.length === 0) return { ok: false, problems: [problem('file_empty', 'file', '文件为空', 'the file is empty')] };
  try {
    return { ok: true, value: JSON.parse(decodeText(bytes).text) };
  } catch (err) {
    return {
      ok: false,
      problems: [problem('json_invalid', 'file', '文件不是有效的 JSON', `the file is not valid JSON: ${(err as Error).message}`)],
    };
  }
}

async function openCasesIn(ex: Executor, gridCodes: string[]): Promise<number> {
  if (gridCodes.length === 0) return 0;
  const row = await ex
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('grid_code', 'in', gridCodes)
    .where('status', 'not in', [...FINAL_STATES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Import the district's grid map: check the whole file (codes, rings, overlaps, gaps), then in one
 * transaction make it the stored geography. Grids the map no longer has are retired, not deleted;
 * cases keep their grid codes. The district's name is `name`, else the stored one, else its code;
 * an imported map is official, so the sample district's disclaimer goes.
 */
export async function importGrids(
  store: Store,
  bytes: Uint8Array,
  o: { dryRun: boolean; now: Date; name?: string; tolerance?: Partial<TopologyTolerance> },
): Promise<ImportOutcome<GridImportSummary>> {
  const json = parseGeoJson(bytes);
  if (!json.ok) return json;
  const stored = (await store.getMeta('district_disclaimer')) ? null : await store.getMeta('district_name');
  // Checked before the transaction: the topology takes a second for a large district and needs nothing stored.
  const checked = checkGrids(json.value, { name: o.name?.trim() || stored || '', tolerance: o.tolerance });
  if (!checked.ok) return checked;
  const district = checked.district;
  if (!district.name) district.name = `行政区划 ${districtOfCode(district.grids[0]!.code)}`;
  return importInTransaction(store, o.dryRun, async (trx) => {
    const change = await replaceGeography(trx, district, o.now);
    await store.setMeta('district_name', district.name, trx);
    await store.setMeta('district_disclaimer', '', trx);
    const total = (c: { added: string[]; updated: string[]; unchanged: number }) => c.added.length + c.updated.length + c.unchanged;
    return {
      ok: true,
      summary: {
        grids: {
          total: total(change.grids),
          added: change.grids.added.length,
          updated: change.grids.updated.length,
          unchanged: change.grids.unchanged,
          retired: change.grids.retired,
          restored: change.grids.restored,
        },
        communities: {
          total: total(change.communities),
          added: change.communities.added.length,
          updated: change.communities.updated.length,
        },
        streets: { total: total(change.streets), added: change.streets.added.length, updated: change.streets.updated.length },
        outline: checked.outline,
        openCasesInRetiredGrids: await openCasesIn(trx, change.grids.retired),
        districtName: district.name,
      },
    };
  });
}
