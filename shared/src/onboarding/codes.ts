/**
 * Administrative division codes as the grid system nests them: a 9-digit street (6-digit district
 * + 3-digit street or town), a 12-digit community (street + 3 digits) and a 14-digit unit grid
 * (community + 2-digit grid number).
 */
export const STREET_CODE = /^\d{9}$/;
export const COMMUNITY_CODE = /^\d{12}$/;
export const GRID_CODE = /^\d{14}$/;

/** The community a grid code belongs to (its first 12 digits). */
export const communityOfGrid = (gridCode: string): string => gridCode.slice(0, 12);

/** The street a community or grid code belongs to (its first 9 digits). */
export const streetOfCode = (code: string): string => code.slice(0, 9);

/** The district a code belongs to (its first 6 digits). */
export const districtOfCode = (code: string): string => code.slice(0, 6);

/**
 * A code read from a GeoJSON property or a cell: strings as they are, whole numbers as digits
 * (shapefile attribute tables often store codes as numbers; 14 digits are exact in a double).
 */
export function codeText(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string') return value.normalize('NFKC').replace(/\s+/g, '');
  return '';
}
