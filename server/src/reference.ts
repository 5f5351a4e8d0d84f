import {
  addWorkingTime,
  workingMsBetween,
  DEFAULT_CALENDAR,
  WorkCalendarSchema,
  type WorkCalendar,
} from '@streetchief/shared/calendar/index';
import { GridIndex } from '@streetchief/shared/geo/gridIndex';
import type { Actor, CaseClass, Community, Department, Grid, Located, Street, TimeLimit, TransitionContext } from '@streetchief/shared';
import type { Store } from './store/store.ts';
import { listCatalogue, listCommunities, listDepartments, listGrids, listStreets } from './store/referenceRepo.ts';

/**
 * Reference data every request needs, held in memory: geography, the point→grid index, the class
 * catalogue, departments and the working-time calendar. Reloaded when an administrator edits it.
 */
export class Reference {
  private constructor(
    readonly streets: Street[],
    readonly communities: Community[],
    readonly grids: Grid[],
    readonly classes: Map<string, CaseClass>,
    readonly departments: Map<string, Department>,
    readonly calendar: WorkCalendar,
    private readonly index: GridIndex,
    private readonly gridByCode: Map<string, Grid>,
  ) {}

  static async load(store: Store): Promise<Reference> {
    const [streets, communities, grids, classes, depts, cal] = await Promise.all([
      listStreets(store.db),
      listCommunities(store.db),
      listGrids(store.db),
      listCatalogue(store.db),
      listDepartments(store.db),
      store.getMeta('calendar'),
    ]);
    const calendar = cal ? WorkCalendarSchema.parse(JSON.parse(cal)) : DEFAULT_CALENDAR;
    return new Reference(
      streets,
      communities,
      grids,
      new Map(classes.map((c) => [c.code, c])),
      new Map(depts.map((d) => [d.code, d])),
      calendar,
      new GridIndex(grids),
      new Map(grids.map((g) => [g.code, g])),
    );
  }

  /** The grid, community and street of a point, or null outside the district. */
  locate(lng: number, lat: number): Located | null {
    const code = this.index.locate(lng, lat);
    const g = code ? this.gridByCode.get(code) : undefined;
    return g ? { gridCode: g.code, communityCode: g.communityCode, streetCode: g.streetCode } : null;
  }

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
