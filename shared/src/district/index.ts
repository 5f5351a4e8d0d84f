/** The shipped sample district (generated geography, demo data) and the seeded PRNG behind it. */
export {
  generateSampleDistrict,
  SAMPLE_DISTRICT_NAME,
  SAMPLE_DISCLAIMER,
  SAMPLE_CATALOGUE,
  COMPONENT_MAJORS,
  EVENT_MAJORS,
  SAMPLE_DEPARTMENTS,
  SAMPLE_ACCOUNTS,
  DEMO_PASSWORD,
  SAMPLE_EXTENT,
  SAMPLE_STREETS,
  type DemoAccountSpec,
} from './sample.ts';
export { SAMPLE_COLUMNS, SAMPLE_ROWS, type StreetSpec, type CommunitySpec, type CellBlock } from './layout.ts';
export { mulberry32, seedFrom, Rng } from './random.ts';
export { personName, uniqueNamer, samplePhone } from './names.ts';
