import { z } from 'zod';

/** A GeoJSON polygon ring list: [[[lng, lat], ...]] with the first ring the outer boundary. */
export const PolygonCoordsSchema = z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1);
export type PolygonCoords = z.infer<typeof PolygonCoordsSchema>;

export const StreetSchema = z.object({
  /** 9-digit administrative code: 6-digit district + 3-digit street (街道 001–099). */
  code: z.string().regex(/^\d{9}$/),
  name: z.string(),
  /** The name in English (pinyin for a place, e.g. `Liedong Street`); absent: English screens show `name`. */
  nameEn: z.string().optional(),
});
export type Street = z.infer<typeof StreetSchema>;

export const CommunitySchema = z.object({
  /** 12-digit code: street code + 3-digit community. */
  code: z.string().regex(/^\d{12}$/),
  name: z.string(),
  /** The name in English, e.g. `Dong'an Community`; absent: English screens show `name`. */
  nameEn: z.string().optional(),
  streetCode: z.string(),
});
export type Community = z.infer<typeof CommunitySchema>;

/** 一格五员: the five staff of a grid. */
export const STAFF_POSTS = ['manager', 'police', 'publicity', 'information', 'service'] as const;
export const StaffPostSchema = z.enum(STAFF_POSTS);
export type StaffPost = z.infer<typeof StaffPostSchema>;

export const StaffSchema = z.object({
  id: z.string(),
  gridCode: z.string(),
  post: StaffPostSchema,
  name: z.string(),
  phone: z.string(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const GridSchema = z.object({
  /** 14-digit unit-grid code: community code + 2-digit grid number. */
  code: z.string().regex(/^\d{14}$/),
  name: z.string(),
  /** The name in English, e.g. `Dong'an Grid 03`; absent: English screens show `name`. */
  nameEn: z.string().optional(),
  communityCode: z.string(),
  streetCode: z.string(),
  /** Name of the responsible (lane/road) chief. Personal data: only for signed-in users. */
  chief: z.string(),
  polygon: PolygonCoordsSchema,
});
export type Grid = z.infer<typeof GridSchema>;

export const DepartmentSchema = z.object({
  /** Lower-case letters, digits or underscores: a district office may number its units (e.g. 001). */
  code: z.string().regex(/^[a-z0-9_]{2,32}$/),
  /** The full name, e.g. 公安分局交警大队. */
  name: z.string(),
  /** The full name in English, e.g. `Traffic Police Brigade`. */
  nameEn: z.string().optional(),
  /** A short name for tight spaces (the wall's tiles, a desk's column), e.g. 交警大队; absent: `name`. */
  shortName: z.string().optional(),
  /** The short name in English, e.g. `Traffic Police`; absent: `nameEn`, then the Chinese names. */
  shortNameEn: z.string().optional(),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** A district's whole geography, as the generator or an import produces it. */
export interface District {
  name: string;
  /** Shown wherever the geography is: sample data must say it is not official. */
  disclaimer: string;
  streets: Street[];
  communities: Community[];
  grids: Grid[];
  staff: Staff[];
}
