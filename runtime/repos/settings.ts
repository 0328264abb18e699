import { InputError } from '../common/errors';
import { seal } from '../common/kms';
import type { StateStore } from '../common/state';
import { LEGACY_TRIGGER_EVENTS, LEVELS, TRIGGER_EVENTS, type BranchRule, type Level, type RepoMeta, type TriggerEvent } from './model';
import { updateMeta } from './store';

/** Adds a branch rule, replacing the rule for the same pattern. */
export function addRule(store: StateStore, repo: string, rule: BranchRule, user: string): RepoMeta {
  if (!rule.branch) throw new InputError('a rule needs --branch PATTERN');
  if (!Number.isInteger(rule.approvals) || rule.approvals < 0) throw new InputError(`--approvals must be a whole number, not ${rule.approvals}`);
  if (rule.approvers.length > 0 && rule.approvals > rule.approvers.length) {
    throw new InputError(`--approvals ${rule.approvals} can never be met by ${rule.approvers.length} approver${rule.approvers.length === 1 ? '' : 's'}`);
  }
  const meta = updateMeta(store, repo, (m) => {
    m.rules = [...m.rules.filter((r) => r.branch !== rule.branch), rule];
  });
  store.activity({ service: 'repo', action: 'PutBranchRule', repository: repo, user, branch: rule.branch, result: 'allowed' });
  return meta;
}

export function removeRule(store: StateStore, repo: string, branch: string, user: string): RepoMeta {
  const meta = updateMeta(store, repo, (m) => {
    if (!m.rules.some((r) => r.branch === branch)) throw new InputError(`${repo} has no rule for branch "${branch}" (rules: ${m.rules.map((r) => r.branch).join(', ') || 'none'})`);
    m.rules = m.rules.filter((r) => r.branch !== branch);
  });
  store.activity({ service: 'repo', action: 'DeleteBranchRule', repository: repo, user, branch, result: 'allowed' });
  return meta;
}

export function parseEvents(text: string): TriggerEvent[] {
  const events = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const event of events) {
    const legacy = LEGACY_TRIGGER_EVENTS[event];
    if (legacy) throw new InputError(`trigger event "${event}" is now named as CodeCommit names it: ${legacy.join(', ')}`);
    if (!(TRIGGER_EVENTS as readonly string[]).includes(event)) throw new InputError(`unknown trigger event "${event}"; use ${TRIGGER_EVENTS.join(', ')}`);
  }
  if (events.length === 0) throw new InputError('--events needs at least one event');
  if (events.includes('all') && events.length > 1) throw new InputError('--events all cannot be combined with other events (as in CodeCommit)');
  return [...new Set(events)] as TriggerEvent[];
}

export function addTrigger(store: StateStore, repo: string, input: { name: string; url: string; secret: string; events: TriggerEvent[]; branches: string[]; customData?: string }, user: string): RepoMeta {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new InputError(`--url "${input.url}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`--url must be http or https, not ${url.protocol}`);
  if (!input.secret) throw new InputError('a trigger needs --secret (the HMAC key the receiver checks signatures with)');
  const meta = updateMeta(store, repo, (m) => {
    m.triggers = [...m.triggers.filter((t) => t.name !== input.name), { name: input.name, url: url.href, secret: seal(input.secret), events: input.events, branches: input.branches, ...(input.customData ? { customData: input.customData } : {}) }];
  });
  store.activity({ service: 'repo', action: 'PutRepositoryTriggers', repository: repo, user, trigger: input.name, result: 'allowed' });
  return meta;
}

export function removeTrigger(store: StateStore, repo: string, name: string, user: string): RepoMeta {
  const meta = updateMeta(store, repo, (m) => {
    if (!m.triggers.some((t) => t.name === name)) throw new InputError(`${repo} has no trigger named "${name}"`);
    m.triggers = m.triggers.filter((t) => t.name !== name);
  });
  store.activity({ service: 'repo', action: 'DeleteRepositoryTrigger', repository: repo, user, trigger: name, result: 'allowed' });
  return meta;
}

export function checkLevel(level: string | undefined): Level | 'none' {
  if (level === 'none') return 'none';
  if (!level || !(LEVELS as readonly string[]).includes(level)) throw new InputError(`permission must be read, write, admin or none, not "${level ?? ''}"`);
  return level as Level;
}

export function grant(store: StateStore, repo: string, grantee: string, level: Level | 'none', user: string): RepoMeta {
  const meta = updateMeta(store, repo, (m) => {
    if (level === 'none') delete m.grants[grantee];
    else m.grants[grantee] = level;
  });
  store.activity({ service: 'repo', action: 'GrantRepositoryPermission', repository: repo, user, grantee, level, result: 'allowed' });
  return meta;
}
