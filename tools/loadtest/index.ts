export { runLoadTest, type LoadTestOptions } from './load-test.runner';
export { writeReports, type WrittenReports } from './load-report.writer';
export {
  buildProfile,
  totalSeconds,
  PROFILE_NAMES,
  type ProfileName,
  type ProfileSettings,
} from './load-profiles.catalog';
export { renderHtmlReport } from './html-report.renderer';
export type { LiveTotals, SampleListener } from './load.sampler';
export type * from './load-report.types';
