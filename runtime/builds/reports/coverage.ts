import type { CoverageSummary } from './types';
import { descendants, parseXml, type XmlElement } from './xml';

const percent = (covered: number, missed: number) => (covered + missed === 0 ? 100 : (covered / (covered + missed)) * 100);

function summary(linesCovered: number, linesMissed: number, files: CoverageSummary['files'], branches?: { covered: number; missed: number }): CoverageSummary {
  return {
    lineCoveragePercentage: percent(linesCovered, linesMissed),
    linesCovered,
    linesMissed,
    ...(branches && branches.covered + branches.missed > 0
      ? { branchCoveragePercentage: percent(branches.covered, branches.missed), branchesCovered: branches.covered, branchesMissed: branches.missed }
      : {}),
    files,
  };
}

/** Cobertura XML: line hits per class, grouped by file. */
export function parseCobertura(text: string): CoverageSummary {
  const root = parseXml(text);
  const perFile = new Map<string, { covered: number; missed: number }>();
  let branchCovered = 0;
  let branchMissed = 0;
  for (const cls of descendants(root, 'class')) {
    const file = cls.attrs.filename ?? cls.attrs.name ?? '';
    const entry = perFile.get(file) ?? { covered: 0, missed: 0 };
    for (const line of descendants(cls, 'line')) {
      if (Number(line.attrs.hits ?? 0) > 0) entry.covered++;
      else entry.missed++;
      const condition = /\((\d+)\/(\d+)\)/.exec(line.attrs['condition-coverage'] ?? '');
      if (condition) {
        branchCovered += Number(condition[1]);
        branchMissed += Number(condition[2]) - Number(condition[1]);
      }
    }
    perFile.set(file, entry);
  }
  return fromFiles(perFile, { covered: branchCovered, missed: branchMissed });
}

function fromFiles(perFile: Map<string, { covered: number; missed: number }>, branches?: { covered: number; missed: number }): CoverageSummary {
  let covered = 0;
  let missed = 0;
  const files: CoverageSummary['files'] = [];
  for (const [file, e] of perFile) {
    covered += e.covered;
    missed += e.missed;
    files.push({ file, lineCoveragePercentage: percent(e.covered, e.missed), linesCovered: e.covered, linesMissed: e.missed });
  }
  return summary(covered, missed, files, branches);
}

/** Clover XML: statement and conditional metrics per file. */
export function parseClover(text: string): CoverageSummary {
  const root = parseXml(text);
  const perFile = new Map<string, { covered: number; missed: number }>();
  let branchCovered = 0;
  let branchTotal = 0;
  for (const file of descendants(root, 'file')) {
    const metrics = file.children.find((c) => c.name === 'metrics');
    if (!metrics) continue;
    const statements = Number(metrics.attrs.statements ?? 0);
    const covered = Number(metrics.attrs.coveredstatements ?? 0);
    branchTotal += Number(metrics.attrs.conditionals ?? 0);
    branchCovered += Number(metrics.attrs.coveredconditionals ?? 0);
    perFile.set(file.attrs.path ?? file.attrs.name ?? '', { covered, missed: statements - covered });
  }
  return fromFiles(perFile, { covered: branchCovered, missed: branchTotal - branchCovered });
}

/** JaCoCo XML: LINE and BRANCH counters per source file. */
export function parseJaCoCo(text: string): CoverageSummary {
  const root = parseXml(text);
  const perFile = new Map<string, { covered: number; missed: number }>();
  const counter = (element: XmlElement, type: string) => {
    const c = element.children.find((x) => x.name === 'counter' && x.attrs.type === type);
    return { covered: Number(c?.attrs.covered ?? 0), missed: Number(c?.attrs.missed ?? 0) };
  };
  for (const pkg of descendants(root, 'package')) {
    for (const source of pkg.children.filter((c) => c.name === 'sourcefile')) {
      perFile.set(`${pkg.attrs.name ?? ''}/${source.attrs.name ?? ''}`, counter(source, 'LINE'));
    }
  }
  return fromFiles(perFile, counter(root, 'BRANCH'));
}

/** SimpleCov's .resultset.json (line arrays per file) or .last_run.json (totals only). */
export function parseSimpleCov(text: string): CoverageSummary {
  const data = JSON.parse(text) as Record<string, unknown>;
  const lastRun = (data as { result?: { line?: number; covered_percent?: number; branch?: number } }).result;
  if (lastRun && (typeof lastRun.line === 'number' || typeof lastRun.covered_percent === 'number')) {
    const pct = lastRun.line ?? lastRun.covered_percent ?? 0;
    return { lineCoveragePercentage: pct, linesCovered: 0, linesMissed: 0, ...(typeof lastRun.branch === 'number' ? { branchCoveragePercentage: lastRun.branch } : {}), files: [] };
  }
  const perFile = new Map<string, { covered: number; missed: number }>();
  for (const run of Object.values(data) as Array<{ coverage?: Record<string, { lines?: Array<number | null> } | Array<number | null>> }>) {
    for (const [file, value] of Object.entries(run?.coverage ?? {})) {
      const lines = Array.isArray(value) ? value : (value.lines ?? []);
      const entry = perFile.get(file) ?? { covered: 0, missed: 0 };
      for (const hits of lines) {
        if (hits === null) continue;
        if (hits > 0) entry.covered++;
        else entry.missed++;
      }
      perFile.set(file, entry);
    }
  }
  if (perFile.size === 0) throw new Error('not a SimpleCov .resultset.json or .last_run.json');
  return fromFiles(perFile);
}
