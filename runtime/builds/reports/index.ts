import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportFormat, ReportSpec } from '../../buildspec/model';
import { insideWorkspace, listFiles, matcher } from '../files';
import { parseClover, parseCobertura, parseJaCoCo, parseSimpleCov } from './coverage';
import { parseCucumber, parseJUnit, parseNUnit, parseTestNG, parseTrx } from './tests';
import type { CoverageSummary, ReportGroup, TestCase } from './types';

const TEST_PARSERS: Partial<Record<ReportFormat, (text: string) => TestCase[]>> = {
  JUNITXML: parseJUnit,
  CUCUMBERJSON: parseCucumber,
  TESTNGXML: parseTestNG,
  NUNITXML: parseNUnit,
  NUNIT3XML: parseNUnit,
  VISUALSTUDIOTRX: parseTrx,
};

const COVERAGE_PARSERS: Partial<Record<ReportFormat, (text: string) => CoverageSummary>> = {
  COBERTURAXML: parseCobertura,
  CLOVERXML: parseClover,
  JACOCOXML: parseJaCoCo,
  SIMPLECOV: parseSimpleCov,
};

/**
 * Reads every report group's files into totals and cases (tests) or a summary (coverage).
 * A group named in the buildspec by a plain name is the project's `<project>-<name>`; an
 * ARN names an existing group as it is (CodeBuild User Guide, "Create a report group").
 */
export function collectReports(workspace: string, specs: ReportSpec[], project: string): ReportGroup[] {
  return specs.map((spec) => collectReport(workspace, spec, spec.name.startsWith('arn:') ? spec.name : `${project}-${spec.name}`));
}

function collectReport(workspace: string, spec: ReportSpec, name: string): ReportGroup {
  const isTest = spec.format in TEST_PARSERS;
  const group: ReportGroup = { name, type: isTest ? 'TEST' : 'CODE_COVERAGE', format: spec.format, status: 'SUCCEEDED', files: [], problems: [] };
  let base: string;
  try {
    base = insideWorkspace(workspace, spec.baseDirectory, 'base-directory');
  } catch (error) {
    group.problems.push((error as Error).message);
    group.status = 'INCOMPLETE';
    return group;
  }
  const match = matcher(spec.files);
  const files = listFiles(base).filter(match);
  if (files.length === 0) {
    group.status = 'INCOMPLETE';
    group.problems.push(`no report files match ${spec.files.join(', ')}`);
    return group;
  }
  const cases: TestCase[] = [];
  const coverages: CoverageSummary[] = [];
  for (const file of files) {
    group.files.push(file);
    try {
      const text = fs.readFileSync(path.join(base, file), 'utf8');
      if (isTest) cases.push(...TEST_PARSERS[spec.format]!(text).map((c) => ({ ...c, file: c.file ?? file })));
      else coverages.push(COVERAGE_PARSERS[spec.format]!(text));
    } catch (error) {
      group.problems.push(`${file} is not a ${spec.format} report: ${(error as Error).message}`);
    }
  }
  if (group.problems.length) group.status = 'INCOMPLETE';
  if (isTest) {
    group.cases = cases;
    const count = (s: TestCase['status']) => cases.filter((c) => c.status === s).length;
    group.totals = {
      total: cases.length,
      passed: count('SUCCEEDED'),
      failed: count('FAILED'),
      error: count('ERROR'),
      skipped: count('SKIPPED'),
      durationMs: cases.reduce((sum, c) => sum + (c.durationMs ?? 0), 0),
    };
    if (group.totals.failed + group.totals.error > 0) group.status = 'FAILED';
  } else if (coverages.length) {
    group.coverage = mergeCoverage(coverages);
  }
  return group;
}

function mergeCoverage(list: CoverageSummary[]): CoverageSummary {
  if (list.length === 1) return list[0];
  const covered = list.reduce((s, c) => s + c.linesCovered, 0);
  const missed = list.reduce((s, c) => s + c.linesMissed, 0);
  return {
    lineCoveragePercentage: covered + missed ? (covered / (covered + missed)) * 100 : list[0].lineCoveragePercentage,
    linesCovered: covered,
    linesMissed: missed,
    files: list.flatMap((c) => c.files),
  };
}
