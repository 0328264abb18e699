import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDocumentFile } from '../common/yaml/document';
import { InputError } from '../common/errors';
import { isMap, isScalar, isSeq, pairOf } from '../common/yaml/nodes';
import { YamlReader } from '../common/yaml/reader';

/** CodeDeploy's in-place lifecycle for EC2/on-premises, in the order the agent runs it. */
export const IN_PLACE_EVENTS = ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService'] as const;
/** Blue/green adds these on the replacement instances (after ValidateService)… */
export const REPLACEMENT_TRAFFIC_EVENTS = ['BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'] as const;
/** …and these on the original instances. */
export const ORIGINAL_TRAFFIC_EVENTS = ['BeforeBlockTraffic', 'BlockTraffic', 'AfterBlockTraffic'] as const;
/** Events the agent runs itself: an appspec cannot attach scripts to them. */
export const RESERVED_EVENTS = new Set(['DownloadBundle', 'Install', 'AllowTraffic', 'BlockTraffic']);

/** Default and maximum hook timeout in seconds (the agent's limit per event). */
export const MAX_HOOK_TIMEOUT = 3600;

export type FileExistsBehavior = 'DISALLOW' | 'OVERWRITE' | 'RETAIN';

export interface AppSpecFile {
  source: string;
  destination: string;
  line: number;
}

export interface AppSpecPermission {
  object: string;
  pattern: string;
  except: string[];
  owner?: string;
  group?: string;
  mode?: number;
  type: Array<'file' | 'directory'>;
  /** acls and context (SELinux) are noted, not applied, on local instances. */
  unapplied: string[];
  line: number;
}

export interface AppSpecHook {
  location: string;
  timeoutSeconds: number;
  runas?: string;
  line: number;
}

/** The parts of an EC2/on-premises appspec the engine needs to run it. */
export interface AppSpec {
  file: string;
  os: 'linux' | 'windows';
  osLine: number;
  files: AppSpecFile[];
  permissions: AppSpecPermission[];
  fileExistsBehavior: FileExistsBehavior;
  hooks: Record<string, AppSpecHook[]>;
}

/** One copy of the Install event: a revision file or folder to a destination folder. */
export interface InstallStep {
  /** Absolute path in the revision. */
  source: string;
  /** The appspec destination (absolute on the instance, resolved under its root later). */
  destination: string;
  isDirectory: boolean;
  line: number;
}

/**
 * Reads an appspec for running. Raises InputError (file:line) only for what blocks
 * a run; style and schema findings belong to the appspec checks.
 */
export function parseAppSpec(file: string, text: string): AppSpec {
  const reader: YamlReader = YamlReader.parse(file, text);
  const root = reader.root;
  if (!isMap(root)) reader.fail('an appspec must be a mapping with version, os, files and hooks', undefined);

  if (pairOf(root, 'Resources')) reader.fail('this appspec declares Resources (an ECS or Lambda appspec); local deployments run EC2/on-premises appspecs', pairOf(root, 'Resources')!.key);
  const versionPair = pairOf(root, 'version');
  const version = versionPair && isScalar(versionPair.value) ? versionPair.value.value : undefined;
  if (!versionPair) reader.fail('missing "version: 0.0"', undefined);
  if (version !== 0 && version !== '0.0') reader.fail(`version must be 0.0, not "${String(version)}"`, versionPair.value);
  const osPair = pairOf(root, 'os');
  const osValue = osPair && isScalar(osPair.value) ? String(osPair.value.value) : undefined;
  if (!osPair) reader.fail('missing "os" (linux or windows)', undefined);
  if (osValue !== 'linux' && osValue !== 'windows') reader.fail(`os must be linux or windows, not "${osValue}"`, osPair.value);

  const files: AppSpecFile[] = [];
  const filesNode = pairOf(root, 'files')?.value;
  if (filesNode && isSeq(filesNode)) {
    for (const item of filesNode.items) {
      if (!isMap(item)) reader.fail('each files entry needs source and destination', item);
      const source = scalar(pairOf(item, 'source')?.value);
      const destination = scalar(pairOf(item, 'destination')?.value);
      if (source === undefined || destination === undefined) reader.fail('each files entry needs source and destination', item);
      files.push({ source, destination, line: reader.line(item) });
    }
  } else if (filesNode && !(isScalar(filesNode) && filesNode.value === null)) {
    reader.fail('files must be a list of {source, destination}', filesNode);
  }

  const behaviorPair = pairOf(root, 'file_exists_behavior');
  const behavior = (scalar(behaviorPair?.value) ?? 'DISALLOW').toUpperCase();
  if (!['DISALLOW', 'OVERWRITE', 'RETAIN'].includes(behavior)) {
    reader.fail(`file_exists_behavior must be DISALLOW, OVERWRITE or RETAIN, not "${scalar(behaviorPair?.value)}"`, behaviorPair?.value);
  }

  const permissions: AppSpecPermission[] = [];
  const permissionsNode = pairOf(root, 'permissions')?.value;
  if (permissionsNode && isSeq(permissionsNode)) {
    for (const item of permissionsNode.items) {
      if (!isMap(item)) continue;
      const object = scalar(pairOf(item, 'object')?.value);
      if (object === undefined) reader.fail('a permissions entry needs an object', item);
      const modeText = scalar(pairOf(item, 'mode')?.value);
      if (modeText !== undefined && !/^[0-7]{3,4}$/.test(modeText)) reader.fail(`mode must be octal digits such as 755, not "${modeText}"`, pairOf(item, 'mode')?.value);
      const typeNode = pairOf(item, 'type')?.value;
      const types = isSeq(typeNode) ? typeNode.items.map((t) => scalar(t)) : ['file', 'directory'];
      permissions.push({
        object,
        pattern: scalar(pairOf(item, 'pattern')?.value) ?? '**',
        except: listOf(pairOf(item, 'except')?.value),
        owner: scalar(pairOf(item, 'owner')?.value),
        group: scalar(pairOf(item, 'group')?.value),
        mode: modeText === undefined ? undefined : parseInt(modeText, 8),
        type: types.filter((t): t is 'file' | 'directory' => t === 'file' || t === 'directory'),
        unapplied: ['acls', 'context'].filter((key) => pairOf(item, key)),
        line: reader.line(item),
      });
    }
  }

  const hooks: Record<string, AppSpecHook[]> = {};
  const hooksNode = pairOf(root, 'hooks')?.value;
  if (hooksNode && isMap(hooksNode)) {
    for (const pair of hooksNode.items) {
      const event = scalar(pair.key);
      if (!event) continue;
      if (RESERVED_EVENTS.has(event)) reader.fail(`${event} is run by CodeDeploy itself and cannot have scripts`, pair.key);
      const list: AppSpecHook[] = [];
      const scripts = isSeq(pair.value) ? pair.value.items : pair.value ? [pair.value] : [];
      for (const script of scripts) {
        if (!isMap(script)) reader.fail(`each ${event} hook needs a location`, script);
        const location = scalar(pairOf(script, 'location')?.value);
        if (!location) reader.fail(`each ${event} hook needs a location`, script);
        const timeoutPair = pairOf(script, 'timeout');
        const timeoutText = scalar(timeoutPair?.value);
        const timeoutSeconds = timeoutText === undefined ? MAX_HOOK_TIMEOUT : Number(timeoutText);
        if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_HOOK_TIMEOUT) {
          reader.fail(`timeout must be a whole number of seconds from 1 to ${MAX_HOOK_TIMEOUT}, not "${timeoutText}"`, timeoutPair?.value);
        }
        list.push({ location, timeoutSeconds, runas: scalar(pairOf(script, 'runas')?.value), line: reader.line(script) });
      }
      hooks[event] = list;
    }
  }
  return { file, os: osValue, osLine: reader.line(osPair.value), files, permissions, fileExistsBehavior: behavior as FileExistsBehavior, hooks };
}

/** Reads `appspec.yml` (or .yaml/.json) at a revision's root. */
export function loadRevisionAppSpec(revisionDir: string): AppSpec {
  for (const name of ['appspec.yml', 'appspec.yaml', 'appspec.json']) {
    const file = path.join(revisionDir, name);
    if (fs.existsSync(file)) return parseAppSpec(file, readDocumentFile(file, 'cannot read the appspec'));
  }
  throw new InputError(`no appspec.yml at the root of the revision ${revisionDir}`);
}

/**
 * Plans the Install event: each files entry's source must exist in the revision
 * (checked before anything is copied); "/" means the whole revision.
 */
export function planInstall(appspec: AppSpec, revisionDir: string): InstallStep[] {
  return appspec.files.map((entry) => {
    const source = path.resolve(revisionDir, entry.source.replace(/^\/+/, ''));
    const rel = path.relative(revisionDir, source);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new InputError(`source "${entry.source}" points outside the revision`, appspec.file, entry.line);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch {
      throw new InputError(`source "${entry.source}" does not exist in the revision`, appspec.file, entry.line);
    }
    return { source, destination: entry.destination, isDirectory: stat.isDirectory(), line: entry.line };
  });
}

/** Hook scripts of an event, checked to exist in the revision. */
export function hookScripts(appspec: AppSpec, event: string, revisionDir: string): Array<AppSpecHook & { script: string }> {
  return (appspec.hooks[event] ?? []).map((hook) => {
    const script = path.resolve(revisionDir, hook.location.replace(/^\/+/, ''));
    const rel = path.relative(revisionDir, script);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new InputError(`hook location "${hook.location}" points outside the revision`, appspec.file, hook.line);
    if (!fs.existsSync(script)) throw new InputError(`hook script "${hook.location}" does not exist in the revision`, appspec.file, hook.line);
    return { ...hook, script };
  });
}

function scalar(node: unknown): string | undefined {
  if (isScalar(node) && node.value !== null && node.value !== undefined) return String(node.value);
  return undefined;
}

function listOf(node: unknown): string[] {
  if (isSeq(node)) return node.items.map((i) => scalar(i)).filter((s): s is string => s !== undefined);
  const single = scalar(node);
  return single ? [single] : [];
}
