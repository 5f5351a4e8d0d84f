import {
  addWorkingTime,
  workingMsBetween,
  DEFAULT_CALENDAR,
  WorkCalendarSchema,
  type WorkCalendar,
} from '@streetchief/shared/calendar/index';
import { GridIndex } from '@streetchief/shared/geo/gridIndex';
import type { Actor, CaseClass, Community, Department, Grid, Located, Street, TimeLimit, TransitionContext } from '@streetchief/shared';
import type { Logger } from 'pino';
import type { Store } from './store/store.ts';
import {
  listCatalogue,
  listCommunities,
  listDepartments,
  listGrids,
  listRetiredGrids,
  listStreets,
  referenceVersion,
} from './store/referenceRepo.ts';

/**
 * Reference data every request needs, held in memory: geography, the point→grid index, the class
 * catalogue, departments and the working-time calendar. An import reloads it on its own node
 * after commit; `watchReference` reloads it on the others when the stored version moves on.
 */
export class Reference {
  private constructor(
    /** The stored reference version this was loaded at (see `bumpReferenceVersion`). */
    readonly version: number,
    /** Every street and community ever imported: old cases still need their names. */
    readonly streets: Street[],
    readonly communities: Community[],
    /** The grids on the map; retired grids are left out here and in `locate`, but `grid()` finds them. */
    readonly grids: Grid[],
    readonly classes: Map<string, CaseClass>,
    readonly departments: Map<string, Department>,
    readonly calendar: WorkCalendar,
    /** Shown with the map: the sample district's note that its boundaries are generated; '' for an imported map. */
    readonly disclaimer: string,
    /** The district's name as imported (or the sample's); '' before any district is loaded. */
    readonly districtName: string,
    private readonly index: GridIndex,
    private readonly gridByCode: Map<string, Grid>,
  ) {}

  static async load(store: Store): Promise<Reference> {
    // The version is read before the data: an import committing in between makes the data newer
    // than the version, never older, so the next check reloads rather than missing the change.
    const version = await referenceVersion(store.db);
    const [streets, communities, grids, retired, classes, depts, cal, disclaimer, districtName] = await Promise.all([
      listStreets(store.db),
      listCommunities(store.db),
      listGrids(store.db),
      listRetiredGrids(store.db),
      listCatalogue(store.db),
      listDepartments(store.db),
      store.getMeta('calendar'),
      store.getMeta('district_disclaimer'),
      store.getMeta('district_name'),
    ]);
    const calendar = cal ? WorkCalendarSchema.parse(JSON.parse(cal)) : DEFAULT_CALENDAR;
    return new Reference(
      version,
      streets,
      communities,
      grids,
      new Map(classes.map((c) => [c.code, c])),
      new Map(depts.map((d) => [d.code, d])),
      calendar,
      disclaimer ?? '',
      districtName ?? '',
      new GridIndex(grids),
      new Map([...retired.map(({ retiredAt: _, ...g }) => g), ...grids].map((g) => [g.code, g])),
    );
  }

  /** The grid, community and street of a point, or null outside the district. */
  locate(lng: number, lat: number): Located | null {
    const code = this.index.locate(lng, lat);
    const g = code ? this.gridByCode.get(code) : undefined;
    return g ? { gridCode: g.code, communityCode: g.communityCode, streetCode: g.streetCode } : null;
  }

  /** A grid by code, retired or not (old cases name grids a later map dropped). */
  grid(code: string): Grid | undefined {
    return this.gridByCode.get(code);
  }

  /** Deadline `limit` of working time after `from`. */
  readonly deadline = (from: Date, limit: TimeLimit): Date => addWorkingTime(this.calendar, from, limit).deadline;

  /** Working milliseconds between two instants under this district's calendar. */
  readonly workingMs = (from: Date, to: Date): number => workingMsBetween(this.calendar, from, to);

  /** What a transition needs, for `actor` at `now`. */
  transition(actor: Actor, now: Date): TransitionContext {
    return { actor, now, deadline: this.deadline, workingMs: this.workingMs };
  }
}

/** What reference reloading needs: the store and the slot every request reads `ref` from. */
interface ReferenceHolder {
  store: Store;
  ref: Reference;
}

/**
 * Reload `holder.ref` if the stored reference version differs from the loaded one; true when it
 * reloaded. One small query when nothing changed.
 */
export async function refreshReference(holder: ReferenceHolder): Promise<boolean> {
  if ((await referenceVersion(holder.store.db)) === holder.ref.version) return false;
  holder.ref = await Reference.load(holder.store);
  return true;
}

/** How often a node checks whether another node (or the operator CLI) imported reference data. */
export const REFERENCE_CHECK_MS = 5_000;

/**
 * Keep `holder.ref` current on every node: every `intervalMs` compare the stored version (one
 * indexed row) with the loaded one and reload when it moved. A plain timer, on purpose: imports
 * are rare, the check is cheap, and it works the same for PostgreSQL nodes, a single SQLite node
 * and an import run from the command line, with no message bus to miss.
 */
export function watchReference(holder: ReferenceHolder, intervalMs: number, log: Logger): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A check still running (a slow database) is not queued behind: the next tick will do.
    if (running) return;
    running = refreshReference(holder)
      .then((reloaded) => {
        if (reloaded) log.info({ version: holder.ref.version }, 'reference data reloaded');
      })
      .catch((err: unknown) => log.warn({ err }, 'reference data check failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
