import type { Incident } from '@streetchief/shared/domain/incident';
import { countOpenByGrid, dayRange } from '@streetchief/shared/indicators/wall';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import { MARKER_KINDS, markerKind, type MarkerKind } from './markerKinds.ts';

/** Properties of a case marker feature. Short keys: they go to the map worker on every update. */
export interface MarkerProps {
  /** The incident id (promoteId of the source). */
  id: string;
  /** Marker kind = icon image name. */
  m: MarkerKind;
  /** 1 when overdue (drives the halo layer). */
  o: 0 | 1;
  /** Sort key: later kinds on top. */
  z: number;
}

const Z: Record<MarkerKind, number> = Object.fromEntries(MARKER_KINDS.map((k, i) => [k, i])) as Record<MarkerKind, number>;

export type MarkerFeature = GeoJSON.Feature<GeoJSON.Point, MarkerProps>;

function toFeature(c: Incident, kind: MarkerKind): MarkerFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [c.lng, c.lat] },
    properties: { id: c.id, m: kind, o: kind === 'overdue' ? 1 : 0, z: Z[kind] },
  };
}

/**
 * Keeps track of which markers the map shows and turns changed case ids into a
 * `GeoJSONSource.updateData` diff: add what is new, update what changed kind or moved, remove what
 * left. Nothing is sent for a change the map cannot see (e.g. a new version with the same stage).
 */
export class MarkerDiffer {
  /** id → "kind|lng|lat" as last sent. */
  private readonly shown = new Map<string, string>();

  /** Ids currently on the map. */
  ids(): string[] {
    return [...this.shown.keys()];
  }

  /** Does the map show at least one marker of `kind`? */
  hasKind(kind: MarkerKind): boolean {
    const prefix = `${kind}|`;
    for (const signature of this.shown.values()) if (signature.startsWith(prefix)) return true;
    return false;
  }

  /**
   * The diff for `ids` (or for everything known when `ids` is omitted, e.g. on the clock tick
   * that turns cases overdue). Returns `null` when there is nothing to send.
   */
  diff(incidents: ReadonlyMap<string, Incident>, now: Date, ids?: Iterable<string>): GeoJSONSourceDiff | null {
    const today = dayRange(now);
    const add: MarkerFeature[] = [];
    const update: NonNullable<GeoJSONSourceDiff['update']> = [];
    const remove: string[] = [];
    const todo = ids ?? new Set([...this.shown.keys(), ...incidents.keys()]);
    for (const id of todo) {
      const c = incidents.get(id);
      const kind = c ? markerKind(c, now, today) : null;
      const before = this.shown.get(id);
      if (!c || !kind) {
        if (before !== undefined) {
          remove.push(id);
          this.shown.delete(id);
        }
        continue;
      }
      const signature = `${kind}|${c.lng}|${c.lat}`;
      if (before === undefined) {
        add.push(toFeature(c, kind));
      } else if (before !== signature) {
        const f = toFeature(c, kind);
        update.push({
          id,
          newGeometry: f.geometry,
          addOrUpdateProperties: [
            { key: 'm', value: f.properties.m },
            { key: 'o', value: f.properties.o },
            { key: 'z', value: f.properties.z },
          ],
        });
      } else {
        continue;
      }
      this.shown.set(id, signature);
    }
    if (add.length === 0 && update.length === 0 && remove.length === 0) return null;
    return { add, update, remove };
  }
}

export interface GridCounts {
  open: number;
  overdue: number;
}

/**
 * Per-grid open/overdue counts as map feature state: only grids whose counts changed are
 * returned, so the map gets a handful of `setFeatureState` calls per event.
 */
export class GridShader {
  private current = new Map<string, GridCounts>();

  changes(incidents: ReadonlyMap<string, Incident>, now: Date): { code: string; state: GridCounts }[] {
    const next = countOpenByGrid(incidents.values(), now);
    const out: { code: string; state: GridCounts }[] = [];
    for (const [code, state] of next) {
      const before = this.current.get(code);
      if (!before || before.open !== state.open || before.overdue !== state.overdue) out.push({ code, state });
    }
    for (const code of this.current.keys()) if (!next.has(code)) out.push({ code, state: { open: 0, overdue: 0 } });
    this.current = next;
    return out;
  }

  /** Forget what was sent (after the map lost its state, e.g. a style reload). */
  reset(): void {
    this.current = new Map();
  }
}
