// The public face of src/check: other stages import from here only.
export { DEFAULT_CHECK, FINDING_HINTS, checkPlan, planWarnings } from './check.ts';
export type { CheckOptions, Finding } from './check.ts';
export { dueDates, formatCalendar } from './ics.ts';
export { planCoverage, summarizeCoverage } from './coverage.ts';
export type { CoverageRow, CoverageSummary } from './coverage.ts';
