/**
 * The push hook API: modules that react to changes of a hosted repository's branches
 * (pipelines start executions) register a notifier. Notifiers run in the process that
 * accepted the change: the `post-receive` hook for pushes, the CLI or extension for
 * pull request merges. Modules register by one import line in runtime/push-listeners.ts.
 */

export interface RefUpdate {
  ref: string;
  oldCommit: string;
  newCommit: string;
  kind: 'create' | 'update' | 'delete';
}

export interface PushEvent {
  repository: string;
  /** The bare repository (`<state home>/repos/<NAME>.git`). */
  gitDir: string;
  /** The state home the repository belongs to. */
  home: string;
  user: string;
  time: string;
  /** 'push': a git push; 'merge': a pull request merge. */
  via: 'push' | 'merge';
  updates: RefUpdate[];
}

export type PushNotifier = (event: PushEvent) => void | Promise<void>;

const notifiers = new Map<string, PushNotifier>();

/** Registers (or replaces) a named notifier; returns a function that removes it. */
export function onPush(name: string, notifier: PushNotifier): () => void {
  notifiers.set(name, notifier);
  return () => {
    if (notifiers.get(name) === notifier) notifiers.delete(name);
  };
}

/** Calls every notifier; one failing never stops the others, and the failures are returned. */
export async function notifyPush(event: PushEvent): Promise<{ notifier: string; error: string }[]> {
  const failures: { notifier: string; error: string }[] = [];
  for (const [name, notifier] of notifiers) {
    try {
      await notifier(event);
    } catch (error) {
      failures.push({ notifier: name, error: (error as Error).message });
    }
  }
  return failures;
}

export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
