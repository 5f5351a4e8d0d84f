import { unionBBox } from '@streetchief/shared/geo/polygon';
import type { DistrictArea } from '@streetchief/shared/field/position';
import type { FieldChecks } from '@streetchief/shared';
import type { CommandContext } from '../commands/context.ts';
import type { Reference } from '../reference.ts';

/** One area per loaded reference: its bounding box is a pass over every vertex, done once. */
const areas = new WeakMap<Reference, DistrictArea>();

/** The district as the position rule sees it: the grid lookup and the grids' bounding box. */
export function districtArea(ref: Reference): DistrictArea {
  let area = areas.get(ref);
  if (!area) {
    area = { locate: (lng, lat) => ref.locate(lng, lat), bounds: unionBBox(ref.grids.map((g) => g.polygon)) };
    areas.set(ref, area);
  }
  return area;
}

/** What the field bodies are checked against: this server's clock and its current district. */
export function fieldChecks(ctx: CommandContext): FieldChecks {
  // `ctx.ref` is read at each parse: a reference reloaded after an edit applies at once.
  return { now: () => ctx.now(), area: () => districtArea(ctx.ref) };
}
