import { InputError } from '../common/errors';
import { checkName } from '../common/names';
import type { StateStore } from '../common/state';

/** A stored build configuration: the local equivalent of a CodeBuild project. */
export interface BuildProject {
  name: string;
  /** A folder, `repo:NAME@REF` or a git URL. */
  source?: string;
  buildspec?: string;
  env: Record<string, string>;
  cachePaths: string[];
  timeoutSeconds?: number;
  /** The project as CreateProject/UpdateProject gave it (AWS's shape), so BatchGetProjects returns what was set. */
  aws?: Record<string, unknown>;
  created: string;
  updated: string;
}

/**
 * CodeBuild's longest build timeout: 2160 minutes (36 hours), per the CodeBuild API's
 * timeoutInMinutes. Locally shorter ones (seconds) are allowed for quick checks. It also
 * keeps the timer within Node's limit of 2^31-1 ms, past which a timer fires at once.
 */
export const MAX_BUILD_TIMEOUT_SECONDS = 2160 * 60;

/** A build timeout in seconds from text (`--timeout`), or a one-line reason. */
export function parseBuildTimeout(text: string | undefined, what = '--timeout'): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_BUILD_TIMEOUT_SECONDS) {
    throw new InputError(`${what} expects a number of seconds from 1 to ${MAX_BUILD_TIMEOUT_SECONDS} (CodeBuild's maximum of 2160 minutes), got "${text}"`);
  }
  return seconds;
}

export class ProjectStore {
  constructor(private readonly store: StateStore) {}

  static checkName(name: string): void {
    checkName('build project', name);
  }

  get(name: string): BuildProject | undefined {
    return this.store.read<BuildProject>('builds', 'projects', `${checkName('build project', name)}.json`);
  }

  require(name: string): BuildProject {
    const project = this.get(name);
    if (!project) throw new InputError(`no build project ${name} (create it with: slipway build project create ${name})`);
    return project;
  }

  list(): BuildProject[] {
    return this.store
      .list('builds', 'projects')
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.store.read<BuildProject>('builds', 'projects', f))
      .filter((p): p is BuildProject => !!p);
  }

  create(config: Omit<BuildProject, 'created' | 'updated'>, replace = false): BuildProject {
    ProjectStore.checkName(config.name);
    return this.store.withLockSync(`build-project-${config.name}`, () => {
      const existing = this.get(config.name);
      if (existing && !replace) throw new InputError(`build project ${config.name} already exists`);
      const now = new Date().toISOString();
      const project: BuildProject = { ...config, created: existing?.created ?? now, updated: now };
      this.store.write(project, 'builds', 'projects', `${config.name}.json`);
      this.store.activity({ kind: 'build-project', action: existing ? 'update' : 'create', name: config.name });
      return project;
    });
  }

  delete(name: string): void {
    this.require(name);
    this.store.remove('builds', 'projects', `${checkName('build project', name)}.json`);
    this.store.activity({ kind: 'build-project', action: 'delete', name });
  }
}
