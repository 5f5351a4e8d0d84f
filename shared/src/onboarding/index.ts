/**
 * Onboarding a district: pure checks of its official files (grid map, departments, case classes,
 * holidays, staff), each reporting every problem with its row or feature, and the coverage report.
 * Reading files and writing the results is the server's job.
 */
export { problem, formatProblem, type Problem, type Checked } from './problem.ts';
export { sheetOf, normalizeName, resolveColumns, type Sheet, type SheetRow, type ColumnSpec } from './columns.ts';
export { COMMUNITY_CODE, GRID_CODE, STREET_CODE, communityOfGrid, streetOfCode, districtOfCode } from './codes.ts';
export { GRID_PROPERTIES, readGridFeatures, type GridCandidate } from './gridFeatures.ts';
export { checkGrids, type GridCheck, type GridCheckOptions } from './grids.ts';
export { DEFAULT_TOLERANCE, gapProblems, overlapProblems, type Outline, type TopologyTolerance } from './topology.ts';
export { DEPARTMENT_COLUMNS, checkDepartments, departmentCodeOf } from './departments.ts';
export { CLASS_COLUMNS, checkClasses, parseTimeLimit } from './classes.ts';
export { CALENDAR_COLUMNS, checkCalendar, parseDate, type CalendarImport } from './calendar.ts';
export { STAFF_COLUMNS, POST_NAMES, checkStaff, normalizePhone } from './staff.ts';
export { ACCOUNT_COLUMNS, ROLE_NAMES, checkAccounts, splitCodes } from './accounts.ts';
export {
  coverageReport,
  gridsWithoutChecker,
  classesWithoutDepartment,
  departmentsWithoutHandler,
  type CoverageReport,
} from './coverage.ts';
