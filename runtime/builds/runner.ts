import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { logGitPull } from '../common/hosted-repo';
import { LOCAL_ACCOUNT, uuid } from '../common/ids';
import { markOwned } from '../common/owned-folder';
import { InputError } from '../common/errors';
import { SecretMasker } from '../common/params';
import { checkName } from '../common/names';
import type { StateStore } from '../common/state';
import { loadBuildspec, type Buildspec, type BuildPhaseName, type Phase } from '../buildspec/model';
import { collectArtifacts } from './artifacts';
import { buildServiceRole, configureGitCredentialHelper, type BuildGitCredential } from './git-credential-helper';
import { giveTo } from '../common/contained';
import { DEFAULT_PAUSE_LIMIT_SECONDS, isBreakpoint, isResume, pauseBuild, type DebugSessionOptions, type PauseRecord, type ResumeChoice } from './debug-session';
import { restoreCache, saveCache } from './cache';
import { codebuildVariables, resolveBuildVariables } from './environment';
import { BuildLog, type LogLine } from './log';
import { MAX_BUILD_TIMEOUT_SECONDS, ProjectStore, type BuildProject } from './projects';
import { BuildStore, type BuildRecord, type BuildStatus, type PhaseRecord } from './records';
import { collectReports } from './reports';
import { checkRuntimeVersions } from './runtimes';
import { quote, ShellSession } from './shell';
import { resolveUser, type LocalUser } from './users';
import { makeWorkspaceRoot, parseGitSource, provisionFolder, provisionGit, type GitSource, type ProvisionedSource } from './workspace';

export interface BuildRequest {
  store: StateStore;
  /** A folder, `repo:NAME@REF` or a git URL (`URL#REF`); defaults to the project's source. */
  source?: string;
  /** The buildspec file: absolute, or relative to the source root (CodeBuild's rule). */
  buildspec?: string;
  /** An already-modelled buildspec (batch builds pass theirs). */
  spec?: Buildspec;
  project?: string;
  env?: Record<string, string>;
  /** Overrides read from the local Parameter Store / Secrets Manager (StartBuild's PARAMETER_STORE and SECRETS_MANAGER types): masked like the buildspec's. */
  storedEnv?: { parameterStore?: Record<string, string>; secretsManager?: Record<string, string> };
  timeoutSeconds?: number;
  /** A debug session (StartBuild's debugSessionEnabled): `codebuild-breakpoint` pauses the build; otherwise it is ignored, as in CodeBuild. */
  debugSession?: DebugSessionOptions;
  keepWorkspace?: boolean;
  zipArtifacts?: boolean;
  initiator?: string;
  batch?: { batchId: string; identifier: string };
  /** When a batch queued this build (its QUEUED phase lasts until a slot was free). */
  queuedAt?: number;
  /** Live log lines, already masked. */
  onLog?: (line: LogLine) => void;
  /** The record after every change (phase started or ended). */
  onUpdate?: (record: BuildRecord) => void;
}

export interface BuildHandle {
  id: string;
  record: BuildRecord;
  /** Ends the build with status STOPPED, killing everything it started. */
  stop(): void;
  finished: Promise<BuildRecord>;
}

type PhaseOutcome = 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT';

/**
 * Checks everything that can be checked before anything runs (the buildspec, the
 * project, parameters and secrets, run-as), then starts the build. Bad input throws
 * InputError and leaves no build behind.
 */
export async function startBuild(request: BuildRequest): Promise<BuildHandle> {
  const builds = new BuildStore(request.store);
  await builds.settleAbandoned();
  const project: BuildProject | undefined = request.project ? new ProjectStore(request.store).require(request.project) : undefined;
  const sourceSpec = request.source ?? project?.source ?? process.cwd();
  const git = parseGitSource(sourceSpec, request.store);
  const projectName = project?.name ?? (git ? 'adhoc' : sanitize(path.basename(path.resolve(sourceSpec))));
  const submitted = Date.now();

  // A git source is cloned first: its buildspec is inside it.
  let clonedRoot: string | undefined;
  let cloned: ProvisionedSource | undefined;
  let spec = request.spec;
  const buildspecRef = request.buildspec ?? project?.buildspec ?? 'buildspec.yml';
  try {
    if (git) {
      clonedRoot = makeWorkspaceRoot(projectName);
      cloned = provisionGit(git, path.join(clonedRoot, 'src'));
      if (git.repository) logGitPull(request.store, { repository: git.repository, user: buildServiceRole(projectName, project?.aws?.serviceRole), via: 'build', commit: cloned.resolvedSourceVersion });
      spec ??= loadBuildspec(path.resolve(cloned.dir, buildspecRef));
    } else {
      spec ??= loadBuildspec(path.resolve(path.resolve(sourceSpec), buildspecRef));
    }
  } catch (error) {
    if (clonedRoot) fs.rmSync(clonedRoot, { recursive: true, force: true });
    throw error;
  }
  const masker = new SecretMasker();
  const stored = request.storedEnv;
  const envSpec = stored ? { ...spec, env: { ...spec.env, parameterStore: { ...spec.env.parameterStore, ...stored.parameterStore }, secretsManager: { ...spec.env.secretsManager, ...stored.secretsManager } } } : spec;
  const overrides = [project?.env ?? {}, request.env ?? {}];
  // A Parameter Store or Secrets Manager value that cannot be read fails the build in
  // DOWNLOAD_SOURCE, recorded like any other failed build, as in CodeBuild.
  let variablesError: string | undefined;
  let variables: Record<string, string>;
  try {
    variables = resolveBuildVariables(envSpec, request.store, masker, overrides);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    variablesError = error.message;
    variables = resolveBuildVariables({ ...envSpec, env: { ...envSpec.env, parameterStore: {}, secretsManager: {} } }, request.store, masker, overrides);
  }
  const users = new Map<string, LocalUser>();
  for (const name of [spec.runAs, ...spec.phases.map((p) => p.runAs)]) {
    if (name && !users.has(name)) users.set(name, resolveUser(name, spec.file));
  }

  const id = `${projectName}:${uuid()}`;
  const number = builds.nextNumber(projectName);
  builds.dir(id);
  const record: BuildRecord = {
    id,
    arn: `arn:${LOCAL_ACCOUNT.partition}:codebuild:${LOCAL_ACCOUNT.region}:${LOCAL_ACCOUNT.accountId}:build/${id}`,
    number,
    project: projectName,
    status: 'IN_PROGRESS',
    currentPhase: 'SUBMITTED',
    startTime: new Date(request.queuedAt ?? submitted).toISOString(),
    initiator: request.initiator ?? `slipway/${safeUserName()}`,
    source: git ? git.label : path.resolve(sourceSpec),
    buildspec: spec.file,
    phases: [],
    exportedVariables: {},
    secondaryArtifacts: [],
    reports: [],
    warnings: [],
    logFile: builds.logFile(id),
    batch: request.batch,
    debugSession: request.debugSession ? { sessionEnabled: true, sessionTarget: id } : undefined,
    request: { source: git ? git.label : path.resolve(sourceSpec), buildspec: buildspecRef, project: project?.name },
  };
  const workspaceRoot = clonedRoot ?? makeWorkspaceRoot(BuildStore.folderName(id));
  const queued = request.queuedAt ?? Date.now();
  addPhase(record, 'SUBMITTED', request.queuedAt ?? submitted, request.queuedAt ?? Date.now());
  addPhase(record, 'QUEUED', queued, Date.now());
  const token = request.keepWorkspace ? undefined : markOwned(workspaceRoot);
  request.store.beginOperation('build', id, { workspace: request.keepWorkspace ? undefined : workspaceRoot, token });
  builds.save(record);
  request.store.activity({ kind: 'build', action: 'start', id, project: projectName });

  const execution = new BuildExecution(request, builds, record, spec, masker, variables, users, workspaceRoot, git, cloned, project);
  execution.variablesError = variablesError;
  const finished = execution.run().finally(() => request.store.endOperation('build', id));
  return { id, record, stop: () => execution.stop(), finished };
}

export async function runBuild(request: BuildRequest): Promise<BuildRecord> {
  return (await startBuild(request)).finished;
}

/** The executor: walks CodeBuild's phases over one shell session and keeps the record current. */
class BuildExecution {
  private readonly log: BuildLog;
  private readonly sessions = new Map<string, ShellSession>();
  private active: ShellSession | undefined;
  private stopped = false;
  private timedOut = false;
  /** Why the buildspec's parameter-store / secrets-manager variables could not be read. */
  variablesError?: string;
  private timer: NodeJS.Timeout | undefined;
  /** When the build times out (epoch ms); paused time moves it, up to the pause limit. */
  private deadline: number | undefined;
  private pausedOnFailure = false;
  private phaseOutput = '';
  private saveTimer: NodeJS.Timeout | undefined;
  private srcDir: string;
  /** env.git-credential-helper's configuration, while the build runs. */
  private gitCredential: BuildGitCredential | undefined;

  constructor(
    private readonly request: BuildRequest,
    private readonly builds: BuildStore,
    private readonly record: BuildRecord,
    private readonly spec: Buildspec,
    private readonly masker: SecretMasker,
    private readonly variables: Record<string, string>,
    private readonly users: Map<string, LocalUser>,
    private readonly workspaceRoot: string,
    private readonly git: GitSource | undefined,
    private readonly cloned: ProvisionedSource | undefined,
    private readonly project: BuildProject | undefined,
  ) {
    this.srcDir = path.join(workspaceRoot, 'src');
    this.log = new BuildLog(record.logFile, masker, (line) => {
      this.phaseOutput += line.text + '\n';
      request.onLog?.(line);
    });
    giveTo(record.logFile, request.store.owner);
  }

  stop(): void {
    if (this.record.status !== 'IN_PROGRESS') return;
    this.stopped = true;
    this.killShells();
  }

  private killShells(): void {
    for (const session of this.sessions.values()) session.kill('SIGKILL');
  }

  /**
   * Ends the running command as soon as a stop is requested (StopBuild, `slipway build stop`),
   * from this process or another: the requester kills the shell's process group only once the
   * record it reads names that group, which the throttled progress write may not have yet.
   */
  private async watchingForStop<T>(running: Promise<T>): Promise<T> {
    const watch = setInterval(() => this.interrupted(), STOP_POLL_MS);
    try {
      return await running;
    } finally {
      clearInterval(watch);
    }
  }

  private interrupted(): PhaseOutcome | undefined {
    if (!this.stopped && this.builds.stopRequested(this.record.id)) {
      this.stopped = true;
      this.killShells();
    }
    if (this.timedOut) return 'TIMED_OUT';
    if (this.stopped) return 'STOPPED';
    return undefined;
  }

  /**
   * Progress is written at most every PROGRESS_WRITE_MS (each write is an fsync'd
   * atomic replace); the final record is written at once. Listeners hear every change.
   */
  private save(final = false): void {
    this.request.onUpdate?.(structuredClone(this.record));
    if (final) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.builds.save(this.record);
      return;
    }
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      if (this.record.status === 'IN_PROGRESS') this.builds.save(this.record);
    }, PROGRESS_WRITE_MS);
  }

  private phaseStart(name: BuildPhaseName): PhaseRecord {
    const phase: PhaseRecord = { name, status: 'IN_PROGRESS', startTime: new Date().toISOString() };
    this.record.phases.push(phase);
    this.record.currentPhase = name;
    this.log.say('phase', `Entering phase ${name}`);
    this.save();
    return phase;
  }

  private phaseEnd(phase: PhaseRecord, status: PhaseRecord['status'], context?: { statusCode: string; message: string }): void {
    phase.status = status;
    phase.endTime = new Date().toISOString();
    phase.durationMs = Date.parse(phase.endTime) - Date.parse(phase.startTime);
    if (context) phase.contexts = [{ statusCode: context.statusCode, message: this.masker.mask(context.message) }];
    this.log.say(status === 'SUCCEEDED' ? 'phase' : 'error', `Phase complete: ${phase.name} State: ${status}`);
    if (context) this.log.say('error', `Phase context status code: ${context.statusCode} Message: ${context.message}`);
    this.save();
  }


  /** Arms the build timeout for `deadline`; Node's timers hold at most 2^31-1 ms, so longer waits re-arm. */
  private armTimeout(deadline: number): void {
    clearTimeout(this.timer);
    this.deadline = deadline;
    const wait = Math.min(Math.max(0, deadline - Date.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      if (Date.now() < deadline) return this.armTimeout(deadline);
      this.timedOut = true;
      this.killShells();
    }, wait);
  }

  /**
   * Pauses at a breakpoint or failure until an attached shell (or the Resume button) resumes
   * the build. The shell state is saved after every command, so the pause starts from it and
   * the build reloads whatever the attached shell left. Paused time does not count against
   * the timeout, up to the pause limit.
   */
  private async pause(phase: Phase, pause: Omit<PauseRecord, 'since' | 'phase'>): Promise<ResumeChoice | undefined> {
    const session = this.session(phase);
    if (!session.hasSavedState()) await session.run(':');
    const limitMs = (this.request.debugSession?.pauseLimitSeconds ?? DEFAULT_PAUSE_LIMIT_SECONDS) * 1000;
    const started = Date.now();
    const remaining = this.deadline === undefined ? undefined : this.deadline - started;
    if (remaining !== undefined) this.armTimeout(started + remaining + limitMs);
    const where = `${phase.name}: ${pause.command}`;
    this.log.say('warning', `Build paused at ${where}${pause.exitCode !== undefined ? ` (exit status ${pause.exitCode})` : ''}. Attach with: slipway build attach ${this.record.id} — then run codebuild-resume`);
    this.log.flush();
    const choice = await pauseBuild({
      builds: this.builds,
      record: this.record,
      pause: { ...pause, phase: phase.name, since: new Date(started).toISOString() },
      controlDir: session.controlDir,
      shell: session.shellKind,
      runAs: session.runAsIds,
      save: () => this.save(true),
      cancelled: () => this.interrupted() !== undefined,
    });
    // Paused time beyond the limit counts; time within it does not.
    if (remaining !== undefined && !this.timedOut) this.armTimeout(Date.now() + remaining - Math.max(0, Date.now() - started - limitMs));
    if (choice) {
      session.reloadSavedState();
      this.log.say('info', `Build resumed at ${where}${choice === 'retry' ? ': running the command again' : ''}`);
    }
    return choice;
  }

  private configureGitCredentials(): void {
    // The token outlives a killed build by at most its timeout (CodeBuild's default: 60 minutes).
    const expiresAt = new Date(this.deadline ?? Date.now() + 60 * 60 * 1000);
    const configured = configureGitCredentialHelper(this.request.store, {
      project: this.record.project,
      serviceRole: this.project?.aws?.serviceRole,
      id: this.record.id,
      dir: this.workspaceRoot,
      expiresAt,
      owner: this.spec.runAs ? this.users.get(this.spec.runAs) : undefined,
      baseEnv: process.env,
    });
    if (typeof configured === 'string') return this.warn(configured);
    this.masker.add(configured.token);
    this.gitCredential = configured;
    this.log.say('info', `git-credential-helper: git reaches ${configured.url} (and CodeCommit clone URLs) as ${configured.identity}`);
  }

  private warn(message: string): void {
    this.record.warnings.push(this.masker.mask(message));
    this.log.say('warning', `Warning: ${message}`);
  }

  async run(): Promise<BuildRecord> {
    // A stored project or an API request may carry any number: past Node's timer limit it would fire at once.
    const requested = this.request.timeoutSeconds ?? this.project?.timeoutSeconds;
    const timeout = requested === undefined ? undefined : Math.min(requested, MAX_BUILD_TIMEOUT_SECONDS);
    if (timeout && timeout > 0) this.armTimeout(Date.now() + timeout * 1000);
    let outcome: BuildStatus = 'SUCCEEDED';
    try {
      outcome = await this.phases();
    } catch (error) {
      this.log.say('error', `Build failed inside Slipway: ${(error as Error).message}`);
      const open = this.record.phases.find((p) => p.status === 'IN_PROGRESS');
      if (open) this.phaseEnd(open, 'FAULT', { statusCode: 'CLIENT_ERROR', message: (error as Error).message });
      outcome = 'FAULT';
    } finally {
      clearTimeout(this.timer);
      this.gitCredential?.revoke();
    }
    const finalizing = this.phaseStart('FINALIZING');
    // The build's own shell deletes the workspace as its last command: `rm -rf` is far
    // quicker than Node's recursive delete, and the shell is already running.
    const cleaner = this.request.keepWorkspace || this.stopped || this.timedOut ? undefined : this.sessions.get('');
    await Promise.all(
      [...this.sessions.values()].map((s) => s.close(s === cleaner ? `cd / && rm -rf -- ${quote(this.workspaceRoot)}` : undefined).catch(() => undefined)),
    );
    this.killShells();
    if (this.request.keepWorkspace) {
      this.record.workspace = this.srcDir;
      this.log.say('info', `Workspace kept at ${this.srcDir}`);
    } else {
      fs.rmSync(this.workspaceRoot, { recursive: true, force: true });
    }
    this.phaseEnd(finalizing, 'SUCCEEDED');
    const end = new Date();
    this.record.status = outcome;
    this.record.endTime = end.toISOString();
    this.record.durationMs = end.getTime() - Date.parse(this.record.startTime);
    this.record.processGroup = undefined;
    this.record.phases.push({ name: 'COMPLETED', status: outcome, startTime: end.toISOString() });
    this.record.currentPhase = 'COMPLETED';
    this.log.say(outcome === 'SUCCEEDED' ? 'phase' : 'error', `Build ${outcome}`);
    this.log.close();
    this.save(true);
    this.request.store.activity({ kind: 'build', action: 'end', id: this.record.id, status: outcome });
    return this.record;
  }

  private async phases(): Promise<BuildStatus> {
    // PROVISIONING: the workspace folder and the shell.
    const provisioning = this.phaseStart('PROVISIONING');
    fs.mkdirSync(this.workspaceRoot, { recursive: true });
    if (this.spec.env.gitCredentialHelper) this.configureGitCredentials();
    this.phaseEnd(provisioning, 'SUCCEEDED');

    const download = this.phaseStart('DOWNLOAD_SOURCE');
    if (this.variablesError) {
      this.log.say('error', this.variablesError);
      this.phaseEnd(download, 'FAILED', { statusCode: 'Decrypted Variables Error', message: this.variablesError });
      return 'FAILED';
    }
    let source: ProvisionedSource;
    try {
      source = this.cloned ?? (await provisionFolder(this.record.source, this.srcDir, [this.request.store.home]));
    } catch (error) {
      this.phaseEnd(download, 'FAILED', { statusCode: 'CLIENT_ERROR', message: (error as Error).message });
      return 'FAILED';
    }
    this.record.sourceVersion = source.sourceVersion;
    this.record.resolvedSourceVersion = source.resolvedSourceVersion;
    this.log.say('info', `Source: ${source.files} files from ${this.git?.label ?? this.record.source} in ${this.srcDir}`);
    if (this.spec.cache) {
      for (const line of restoreCache(this.request.store, this.record.project, this.spec.cache, this.srcDir, this.variables)) this.log.say('info', line);
    }
    // The restored cache is the build's like its source: both go to the build's run-as user.
    const buildRunAs = this.spec.runAs ? this.users.get(this.spec.runAs) : undefined;
    if (buildRunAs) chownTree(this.srcDir, buildRunAs);
    // Another user's shell must reach the workspace (mkdtemp makes it private).
    if (this.users.size) fs.chmodSync(this.workspaceRoot, 0o755);
    this.phaseEnd(download, 'SUCCEEDED');

    let failed = false;
    let skipUpload = false;
    for (const key of ['install', 'pre_build', 'build', 'post_build'] as const) {
      const phase = this.spec.phases.find((p) => p.key === key) ?? emptyPhase(key);
      const outcome = await this.runPhase(phase);
      if (outcome === 'STOPPED' || outcome === 'TIMED_OUT') return outcome;
      if (outcome === 'SUCCEEDED') continue;
      failed = true;
      await this.markNotSucceeding();
      const onFailure = phase.onFailure.kind === 'RETRY' ? 'DEFAULT' : phase.onFailure.kind;
      if (onFailure === 'CONTINUE') continue;
      if (onFailure === 'ABORT' || key === 'install' || key === 'pre_build') {
        // CodeBuild: INSTALL and PRE_BUILD failures (and ABORT) skip to FINALIZING.
        skipUpload = true;
        break;
      }
      // BUILD failure goes on to POST_BUILD; POST_BUILD failure goes on to UPLOAD_ARTIFACTS.
    }
    await this.captureExportedVariables();
    if (skipUpload) return 'FAILED';
    const stop = this.interrupted();
    if (stop) return stop;

    const upload = this.phaseStart('UPLOAD_ARTIFACTS');
    try {
      await this.upload();
    } catch (error) {
      this.phaseEnd(upload, 'FAILED', { statusCode: 'CLIENT_ERROR', message: (error as Error).message });
      return 'FAILED';
    }
    this.phaseEnd(upload, 'SUCCEEDED');
    return failed ? 'FAILED' : 'SUCCEEDED';
  }

  /** An artifact `name` is evaluated by the build's shell (`app-$CODEBUILD_BUILD_NUMBER` names `app-1`), per the buildspec reference's artifacts/name. */
  private async artifactName(name: string): Promise<string> {
    if (!/[$`]/.test(name) || !this.active) return name;
    const expanded = await this.active.expand(name);
    if (expanded === undefined || expanded === '') throw new Error(`artifacts name "${name}" did not evaluate to a name in the build's shell`);
    return expanded;
  }

  private async upload(): Promise<void> {
    const artifactsDir = path.join(this.builds.dir(this.record.id), 'artifacts');
    if (this.spec.artifacts) {
      const name = this.spec.artifacts.name ? await this.artifactName(this.spec.artifacts.name) : this.record.project;
      const artifact = collectArtifacts(this.srcDir, this.spec.artifacts, artifactsDir, path.join(artifactsDir, 'primary'), name, this.request.zipArtifacts, this.request.store.owner);
      this.record.artifacts = artifact;
      this.log.say('info', `Artifacts: ${artifact.files} files in ${artifact.location}`);
    }
    for (const secondary of this.spec.secondaryArtifacts) {
      const name = secondary.name ? await this.artifactName(secondary.name) : secondary.identifier!;
      const artifact = collectArtifacts(this.srcDir, secondary, artifactsDir, path.join(artifactsDir, 'secondary', checkName('artifact identifier', secondary.identifier)), name, this.request.zipArtifacts, this.request.store.owner);
      this.record.secondaryArtifacts.push(artifact);
      this.log.say('info', `Secondary artifact ${secondary.identifier}: ${artifact.files} files in ${artifact.location}`);
    }
    if (this.spec.reports.length) {
      this.record.reports = collectReports(this.srcDir, this.spec.reports, this.record.project);
      for (const report of this.record.reports) {
        const t = report.totals;
        const summary = t
          ? `${t.total} tests, ${t.passed} passed, ${t.failed} failed, ${t.error} errors, ${t.skipped} skipped`
          : report.coverage
            ? `line coverage ${report.coverage.lineCoveragePercentage.toFixed(1)}%`
            : 'no data';
        this.log.say(report.status === 'SUCCEEDED' ? 'info' : 'warning', `Report ${report.name} (${report.format}): ${report.status}, ${summary}`);
        for (const problem of report.problems) this.warn(`report ${report.name}: ${problem}`);
      }
    }
    if (this.spec.cache && this.spec.cache.action !== 'restore') {
      for (const line of saveCache(this.request.store, this.record.project, this.spec.cache, this.srcDir, this.variables)) this.log.say('info', line);
    }
  }

  private session(phase: Phase): ShellSession {
    const userName = phase.runAs ?? this.spec.runAs;
    const key = userName ?? '';
    let session = this.sessions.get(key);
    if (!session) {
      const user = userName ? this.users.get(userName) : undefined;
      const controlDir = path.join(this.workspaceRoot, 'control', key || 'default');
      session = new ShellSession({
        // CodeBuild's Linux images run commands with /bin/sh unless env.shell is bash (Build specification reference, env/shell).
        shell: this.spec.env.shell ?? 'sh',
        cwd: this.srcDir,
        env: this.shellEnvironment(user),
        controlDir,
        onOutput: (text) => this.log.output(text),
        isolated: this.spec.version === '0.1',
        onStart: (group) => {
          this.record.processGroup = group;
          this.save();
        },
        user,
      });
      this.sessions.set(key, session);
    }
    // Switching user carries the shell state (directory, exported variables) across.
    if (this.active && this.active !== session) {
      const dropped = this.active.copyStateTo(session);
      if (dropped.length) this.warn(`run-as ${userName ?? 'the build user'}: not carried from the previous user's shell: ${dropped.join(', ')}`);
    }
    this.active = session;
    return session;
  }

  private shellEnvironment(user?: LocalUser): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(base)) if (key.startsWith('SLIPWAY_')) delete base[key];
    if (user) {
      base.HOME = user.home;
      base.USER = user.name;
      base.LOGNAME = user.name;
    }
    return {
      ...base,
      ...codebuildVariables({
        id: this.record.id,
        arn: this.record.arn,
        number: this.record.number,
        initiator: this.record.initiator,
        startTime: Date.parse(this.record.startTime),
        srcDir: this.srcDir,
        sourceVersion: this.record.sourceVersion,
        resolvedSourceVersion: this.record.resolvedSourceVersion,
        sourceLocation: this.record.source,
        batchIdentifier: this.record.batch?.identifier,
      }),
      ...this.gitCredential?.env,
      ...this.variables,
    };
  }

  private async markNotSucceeding(): Promise<void> {
    for (const session of this.sessions.values()) {
      session.setStartEnv('CODEBUILD_BUILD_SUCCEEDING', '0');
      await session.run('export CODEBUILD_BUILD_SUCCEEDING=0');
    }
    this.variables.CODEBUILD_BUILD_SUCCEEDING = '0';
  }

  private async runPhase(phase: Phase): Promise<PhaseOutcome> {
    const record = this.phaseStart(phase.name);
    if (phase.key === 'install' && Object.keys(phase.runtimeVersions).length) {
      for (const warning of await checkRuntimeVersions(phase.runtimeVersions)) this.warn(warning);
    }
    const attempts = phase.onFailure.kind === 'RETRY' ? phase.onFailure.count + 1 : 1;
    let result: { outcome: PhaseOutcome; context?: { statusCode: string; message: string } } = { outcome: 'SUCCEEDED' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      this.phaseOutput = '';
      result = await this.runCommands(phase);
      if (result.outcome !== 'FAILED' || phase.onFailure.kind !== 'RETRY' || attempt === attempts) break;
      if (!phase.onFailure.pattern.test(this.phaseOutput)) {
        this.log.say('info', `Not retrying ${phase.name}: its output does not match ${phase.onFailure.pattern}`);
        break;
      }
      this.log.say('warning', `Retrying phase ${phase.name} (attempt ${attempt + 1} of ${attempts}), as on-failure asks`);
    }
    this.phaseEnd(record, result.outcome, result.context);
    return result.outcome;
  }

  private async runCommands(phase: Phase): Promise<{ outcome: PhaseOutcome; context?: { statusCode: string; message: string } }> {
    let failure: { statusCode: string; message: string } | undefined;
    const runList = async (commands: Phase['commands']): Promise<PhaseOutcome | undefined> => {
      for (const command of commands) {
        const before = this.interrupted();
        if (before) return before;
        if (isBreakpoint(command.text) || isResume(command.text)) {
          // CodeBuild ignores both unless the build has a debug session; codebuild-resume belongs in the attached shell.
          if (isBreakpoint(command.text) && this.request.debugSession) await this.pause(phase, { command: command.text, reason: 'breakpoint' });
          else this.log.say('info', `Ignoring ${command.text.trim()}: ${isResume(command.text) ? 'it resumes a paused build from an attached shell' : 'the build has no debug session (slipway build run --debug)'}`);
          const stopped = this.interrupted();
          if (stopped) return stopped;
          continue;
        }
        const session = this.session(phase);
        this.log.say('info', `Running command ${command.text}`);
        let code = await this.watchingForStop(session.run(command.text));
        this.log.flush();
        // With pause-on-failure, the first failing command pauses the build before the phase fails; --retry runs it again.
        while (code !== 0 && this.request.debugSession?.pauseOnFailure && !this.pausedOnFailure && !this.interrupted()) {
          this.pausedOnFailure = true;
          const choice = await this.pause(phase, { command: command.text, reason: 'failure', exitCode: code });
          if (choice !== 'retry') break;
          this.pausedOnFailure = false;
          this.log.say('info', `Running command ${command.text}`);
          code = await this.watchingForStop(session.run(command.text));
          this.log.flush();
        }
        const after = this.interrupted();
        if (after) return after;
        if (code !== 0) {
          failure ??= {
            statusCode: 'COMMAND_EXECUTION_ERROR',
            message: `Error while executing command: ${command.text}. Reason: exit status ${code}`,
          };
          this.log.say('error', `Command did not exit successfully ${command.text} exit status ${code}`);
          return 'FAILED';
        }
      }
      return undefined;
    };
    const main = await runList(phase.commands);
    if (main === 'STOPPED' || main === 'TIMED_OUT') return { outcome: main, context: { statusCode: main === 'STOPPED' ? 'BUILD_STOPPED' : 'BUILD_TIMED_OUT', message: main === 'STOPPED' ? 'the build was stopped' : 'the build timed out' } };
    // `finally` runs even when a command above failed.
    const fin = await runList(phase.finally);
    if (fin === 'STOPPED' || fin === 'TIMED_OUT') return { outcome: fin, context: { statusCode: fin === 'STOPPED' ? 'BUILD_STOPPED' : 'BUILD_TIMED_OUT', message: fin === 'STOPPED' ? 'the build was stopped' : 'the build timed out' } };
    if (main === 'FAILED' || fin === 'FAILED') return { outcome: 'FAILED', context: failure };
    return { outcome: 'SUCCEEDED' };
  }

  private async captureExportedVariables(): Promise<void> {
    if (!this.spec.env.exportedVariables.length || !this.active || this.interrupted()) return;
    // Never exported: AWS_ names (CodeBuild's own), and variables backed by Parameter Store or Secrets Manager.
    const secretBacked = new Set([...Object.keys(this.spec.env.parameterStore), ...Object.keys(this.spec.env.secretsManager)]);
    const exportable = this.spec.env.exportedVariables.filter((name) => !name.startsWith('AWS_') && !secretBacked.has(name));
    const values = await this.active.values(exportable);
    for (const name of exportable) {
      if (name in values) this.record.exportedVariables[name] = this.masker.mask(values[name]);
    }
    this.save();
  }
}

const PROGRESS_WRITE_MS = 250;
/** How often a running command checks for a stop request (one existsSync). */
const STOP_POLL_MS = 200;
const MAX_TIMER_MS = 2 ** 31 - 1;

function addPhase(record: BuildRecord, name: BuildPhaseName, since: number, until: number): void {
  record.phases.push({ name, status: 'SUCCEEDED', startTime: new Date(since).toISOString(), endTime: new Date(until).toISOString(), durationMs: until - since });
}

function emptyPhase(key: Phase['key']): Phase {
  const names = { install: 'INSTALL', pre_build: 'PRE_BUILD', build: 'BUILD', post_build: 'POST_BUILD' } as const;
  return { key, name: names[key], line: 0, onFailure: { kind: 'DEFAULT' }, runtimeVersions: {}, commands: [], finally: [] };
}

function sanitize(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^-+/, '');
  return clean.length >= 2 ? clean : 'adhoc';
}

function safeUserName(): string {
  if (process.env.SLIPWAY_USER) return process.env.SLIPWAY_USER;
  try {
    return os.userInfo().username;
  } catch {
    return 'local';
  }
}

function chownTree(dir: string, user: LocalUser): void {
  fs.chownSync(dir, user.uid, user.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, user);
    else fs.lchownSync(full, user.uid, user.gid);
  }
}

