import type { StateStore } from '../common/state';

export interface ActivityEntry {
  time: string;
  service?: string;
  action?: string;
  repository?: string;
  user?: string;
  result?: string;
  [key: string]: unknown;
}

/** The audit trail (the local CloudTrail), optionally for one repository. */
export function readActivity(store: StateStore, filter: { repository?: string; service?: string } = {}): ActivityEntry[] {
  return store
    .readLines<ActivityEntry>('activity.jsonl')
    .filter((e) => (!filter.repository || e.repository === filter.repository) && (!filter.service || e.service === filter.service));
}

/**
 * Distinct identities that touched any hosted repository in a month (YYYY-MM, UTC),
 * CodeCommit's billing unit.
 */
export function activeUsers(store: StateStore, month: string): { month: string; count: number; users: string[] } {
  const users = new Set<string>();
  for (const entry of readActivity(store, { service: 'repo' })) {
    if (entry.user && entry.repository && entry.time.startsWith(month)) users.add(entry.user);
  }
  return { month, count: users.size, users: [...users].sort() };
}
