import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { locateSpecFile } from './spec';
import { didYouMean } from '../common/text';

/**
 * The IAM actions of each service prefix (Service Authorization Reference, compacted at build
 * time by scripts/build-steps/25-iam-actions.mjs into iam-actions.json beside the resource
 * specification), read on the first policy that names an action.
 */
interface IamActions {
  /** Service prefix → lowercase action name → the name as the reference spells it. */
  services: Map<string, Map<string, string>>;
  source: string;
}

let loaded: IamActions | undefined;

function locate(): string {
  const file = path.join(path.dirname(locateSpecFile()), 'iam-actions.json');
  if (fs.existsSync(file)) return file;
  // From source (tests through tsx): build it once, as the specification is.
  const root = path.resolve(__dirname, '..', '..');
  const step = path.join(root, 'scripts', 'build-steps', '25-iam-actions.mjs');
  if (fs.existsSync(step)) execFileSync(process.execPath, [step], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!fs.existsSync(file)) throw new Error(`IAM action list not found at ${file}; run npm run build`);
  return file;
}

export function iamActions(): IamActions {
  if (loaded) return loaded;
  const raw = JSON.parse(fs.readFileSync(locate(), 'utf8')) as { source: string; services: Record<string, string> };
  const services = new Map(Object.entries(raw.services).map(([service, actions]) => [service, new Map(actions.split(' ').map((name) => [name.toLowerCase(), name]))]));
  loaded = { source: raw.source, services };
  return loaded;
}

/**
 * Why `service:action` names no action (undefined when it does, or when the service is not
 * in the reference: new services appear faster than any list). Wildcards match as IAM does.
 */
export function unknownAction(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || text === '*') return undefined;
  const service = text.slice(0, colon).toLowerCase();
  const action = text.slice(colon + 1).toLowerCase();
  const actions = iamActions().services.get(service);
  if (!actions) return undefined;
  if (action === '') return `"${text}" names no action of ${service}`;
  if (!/[*?]/.test(action)) {
    if (actions.has(action)) return undefined;
    const guess = didYouMean(text.slice(colon + 1), [...actions.values()]);
    return `"${text}" is not an action of ${service}${guess ? `; did you mean ${text.slice(0, colon)}:${guess}?` : ''}`;
  }
  const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  for (const known of actions.keys()) if (pattern.test(known)) return undefined;
  return `"${text}" matches no action of ${service}`;
}
