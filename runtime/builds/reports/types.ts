import type { ReportFormat } from '../../buildspec/model';

export type TestStatus = 'SUCCEEDED' | 'FAILED' | 'ERROR' | 'SKIPPED' | 'UNKNOWN';

/** One test case, with CodeBuild's test-case statuses. */
export interface TestCase {
  name: string;
  prefix: string;
  status: TestStatus;
  durationMs?: number;
  message?: string;
  file?: string;
}

export interface CoverageSummary {
  lineCoveragePercentage: number;
  linesCovered: number;
  linesMissed: number;
  branchCoveragePercentage?: number;
  branchesCovered?: number;
  branchesMissed?: number;
  files: Array<{ file: string; lineCoveragePercentage: number; linesCovered: number; linesMissed: number }>;
}

/** A report group's result for one build: test totals and cases, or a coverage summary. */
export interface ReportGroup {
  name: string;
  type: 'TEST' | 'CODE_COVERAGE';
  format: ReportFormat;
  status: 'SUCCEEDED' | 'FAILED' | 'INCOMPLETE';
  files: string[];
  totals?: { total: number; passed: number; failed: number; error: number; skipped: number; durationMs: number };
  cases?: TestCase[];
  coverage?: CoverageSummary;
  /** Why a file could not be read, per file. */
  problems: string[];
}
