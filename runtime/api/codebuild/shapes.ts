// CodeBuild's response shapes (Build, Project, BuildBatch, Report, TestCase) from the
// engine's records, as the CodeBuild API reference defines them. The endpoint writes
// times as epoch seconds; the CLI's `--json` passes `isoTime`.
// https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Build.html
import { pathToFileURL } from 'node:url';
import { LOCAL_ACCOUNT } from '../../common/ids';
import type { BuildProject } from '../../builds/projects';
import type { BatchResult } from '../../builds/batch';
import type { BuildRecord } from '../../builds/records';
import type { ReportGroup } from '../../builds/reports/types';
import { defined, epochSeconds, type TimeFormat } from '../operations';

const ARN = (resource: string) => `arn:${LOCAL_ACCOUNT.partition}:codebuild:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:${resource}`;

export const projectArn = (name: string) => ARN(`project/${name}`);
export const batchArn = (id: string) => ARN(`build-batch/${id}`);

/** The uuid part of a build id (`project:uuid`): CodeBuild's log stream name. */
export const buildUuid = (id: string) => id.slice(id.indexOf(':') + 1);

/** Report groups are named `<project>-<report group key>` (CodeBuild's naming for buildspec-declared groups). */
export function reportGroupName(project: string, report: ReportGroup): string {
  return report.name.startsWith(`${project}-`) ? report.name : `${project}-${report.name}`;
}

export const reportGroupArn = (project: string, report: ReportGroup) => ARN(`report-group/${reportGroupName(project, report)}`);
export const reportArn = (record: BuildRecord, report: ReportGroup) => ARN(`report/${reportGroupName(record.project, report)}:${buildUuid(record.id)}`);

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms / 1000);
}

/** Where a build's source came from, in CodeBuild's ProjectSource terms. */
export function sourceShape(location: string, buildspec?: string): Record<string, unknown> {
  const hosted = /^repo:([^@]+)/.exec(location);
  if (hosted) return defined({ type: 'CODECOMMIT', location: hosted[1], buildspec });
  if (/^(https?|ssh|git):\/\//.test(location) || /\.git(#.*)?$/.test(location)) return defined({ type: 'GITHUB', location, buildspec });
  return defined({ type: 'NO_SOURCE', location, buildspec });
}

export function buildShape(record: BuildRecord, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const stream = buildUuid(record.id);
  const artifact = (a: NonNullable<BuildRecord['artifacts']>) => defined({ location: pathToFileURL(a.zip ?? a.location).href, artifactIdentifier: a.identifier });
  return defined({
    id: record.id,
    arn: record.arn,
    buildNumber: record.number,
    startTime: time(record.startTime),
    endTime: time(record.endTime),
    currentPhase: record.currentPhase,
    debugSession: record.debugSession,
    buildStatus: record.status,
    sourceVersion: record.sourceVersion,
    resolvedSourceVersion: record.resolvedSourceVersion,
    projectName: record.project,
    phases: record.phases.map((p) =>
      defined({
        phaseType: p.name,
        phaseStatus: p.name === 'COMPLETED' ? undefined : p.status,
        startTime: time(p.startTime),
        endTime: time(p.endTime),
        durationInSeconds: seconds(p.durationMs),
        contexts: p.contexts?.map((c) => ({ statusCode: c.statusCode, message: c.message })) ?? (p.endTime ? [{ statusCode: '', message: '' }] : undefined),
      }),
    ),
    source: sourceShape(record.source, record.buildspec),
    artifacts: record.artifacts ? artifact(record.artifacts) : { location: '' },
    secondaryArtifacts: record.secondaryArtifacts.map(artifact),
    logs: {
      groupName: `/aws/codebuild/${record.project}`,
      streamName: stream,
      deepLink: pathToFileURL(record.logFile).href,
      cloudWatchLogs: { status: 'ENABLED', groupName: `/aws/codebuild/${record.project}`, streamName: stream },
    },
    buildComplete: record.status !== 'IN_PROGRESS',
    initiator: record.initiator,
    exportedEnvironmentVariables: Object.entries(record.exportedVariables).map(([name, value]) => ({ name, value })),
    reportArns: record.reports.map((r) => reportArn(record, r)),
    buildBatchArn: record.batch ? batchArn(record.batch.batchId) : undefined,
    environment: { type: 'LINUX_CONTAINER', image: 'slipway/local', computeType: 'BUILD_GENERAL1_SMALL' },
  });
}

/** A project as BatchGetProjects returns it: what CreateProject/UpdateProject set, plus CodeBuild's own members. */
export function projectShape(project: BuildProject, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const given = project.aws ?? {};
  const environment = (given.environment as Record<string, unknown> | undefined) ?? { type: 'LINUX_CONTAINER', image: 'slipway/local', computeType: 'BUILD_GENERAL1_SMALL' };
  return defined({
    ...given,
    name: project.name,
    arn: projectArn(project.name),
    source: (given.source as Record<string, unknown> | undefined) ?? (project.source ? sourceShape(project.source, project.buildspec) : { type: 'NO_SOURCE', buildspec: project.buildspec }),
    artifacts: given.artifacts ?? { type: 'NO_ARTIFACTS' },
    environment: {
      ...environment,
      environmentVariables: Object.entries(project.env).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' })),
    },
    cache: given.cache ?? (project.cachePaths.length ? { type: 'LOCAL', modes: ['LOCAL_CUSTOM_CACHE'] } : { type: 'NO_CACHE' }),
    timeoutInMinutes: project.timeoutSeconds ? Math.round(project.timeoutSeconds / 60) : 60,
    created: time(project.created),
    lastModified: time(project.updated),
  });
}

export function reportShape(record: BuildRecord, report: ReportGroup, time: TimeFormat = epochSeconds): Record<string, unknown> {
  const totals = report.totals;
  return defined({
    arn: reportArn(record, report),
    type: report.type === 'CODE_COVERAGE' ? 'CODE_COVERAGE' : 'TEST',
    name: reportGroupName(record.project, report),
    reportGroupArn: reportGroupArn(record.project, report),
    executionId: record.arn,
    status: report.status,
    created: time(record.endTime ?? record.startTime),
    expired: undefined,
    truncated: false,
    testSummary: totals
      ? {
          total: totals.total,
          statusCounts: { SUCCEEDED: totals.passed, FAILED: totals.failed, ERROR: totals.error, SKIPPED: totals.skipped },
          durationInNanoSeconds: totals.durationMs * 1e6,
        }
      : undefined,
    codeCoverageSummary: report.coverage
      ? defined({
          lineCoveragePercentage: report.coverage.lineCoveragePercentage,
          linesCovered: report.coverage.linesCovered,
          linesMissed: report.coverage.linesMissed,
          branchCoveragePercentage: report.coverage.branchCoveragePercentage,
          branchesCovered: report.coverage.branchesCovered,
          branchesMissed: report.coverage.branchesMissed,
        })
      : undefined,
  });
}

export function testCaseShapes(record: BuildRecord, report: ReportGroup, time: TimeFormat = epochSeconds): Record<string, unknown>[] {
  return (report.cases ?? []).map((c) =>
    defined({
      reportArn: reportArn(record, report),
      testRawDataPath: c.file,
      prefix: c.prefix,
      name: c.name,
      status: c.status,
      durationInNanoSeconds: c.durationMs === undefined ? undefined : c.durationMs * 1e6,
      message: c.message,
      expired: time(undefined),
    }),
  );
}

/** A finished batch (`slipway build run --batch --json`): CodeBuild's BuildBatch with each group's build. */
export function batchResultShape(result: BatchResult, build: (record: BuildRecord) => Record<string, unknown> = buildShape): Record<string, unknown> {
  return {
    buildBatch: {
      id: result.id,
      arn: batchArn(result.id),
      buildBatchStatus: result.status,
      complete: true,
      buildGroups: result.builds.map((b) =>
        defined({
          identifier: b.identifier,
          currentBuildSummary: defined({ arn: b.record?.arn, buildStatus: b.status === 'SKIPPED' ? 'STOPPED' : b.status }),
        }),
      ),
    },
    builds: result.builds.filter((b) => b.record).map((b) => build(b.record!)),
    slipway: { skipped: result.builds.filter((b) => b.reason).map((b) => ({ identifier: b.identifier, reason: b.reason })) },
  };
}
