/** Geometry helpers with no I/O: point → grid lookup, bounding boxes, areas, interior points. */
export { GridIndex, type IndexedArea } from './gridIndex.ts';
export {
  EARTH_RADIUS_M,
  bboxPolygon,
  interiorPoint,
  isConvexRing,
  openRing,
  polygonArea,
  polygonBBox,
  ringArea,
  unionBBox,
  type BBox,
  type LngLat,
} from './polygon.ts';
