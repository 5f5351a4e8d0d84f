import { z } from 'zod';
import { requestJson } from './http.ts';

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const GeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

export const GridPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  /** English names, when the district has them (`common/lookups.ts` picks the reader's language). */
  nameEn: z.string().optional(),
  communityNameEn: z.string().optional(),
  streetNameEn: z.string().optional(),
});
export type GridProperties = z.infer<typeof GridPropertiesSchema>;

const GridFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: GeometrySchema,
  // Extra properties (staff for signed-in users) pass through untouched; the wall does not show them.
  properties: GridPropertiesSchema.loose(),
});

const GridCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  /** Shown wherever the geography is: sample geography says it is not official. */
  disclaimer: z.string().optional(),
  /** District name, if the server sends one. */
  name: z.string().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  features: z.array(GridFeatureSchema),
});

export type GridGeometry = z.infer<typeof GeometrySchema>;
export type GridFeature = z.infer<typeof GridFeatureSchema>;
export type GridCollection = z.infer<typeof GridCollectionSchema>;

/**
 * The district's grids as GeoJSON, with bbox and disclaimer (public). Public pages pass
 * `{ credentials: 'omit' }`: without the session the answer carries no staff names.
 */
export async function getGrids(init?: RequestInit): Promise<GridCollection> {
  return GridCollectionSchema.parse(await requestJson('/api/grids', init));
}
