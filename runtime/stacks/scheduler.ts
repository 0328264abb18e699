/**
 * Runs tasks in dependency order, up to `limit` at once: a task starts as soon as
 * everything it depends on finished. After a failure nothing new starts; tasks in
 * flight finish. Returns the failed ids and those never started.
 */
export async function runInDependencyOrder(
  ids: string[],
  dependsOn: (id: string) => Iterable<string>,
  limit: number,
  task: (id: string) => Promise<void>,
): Promise<{ failed: string[]; notStarted: string[] }> {
  const members = new Set(ids);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    let count = 0;
    for (const dep of dependsOn(id)) {
      if (!members.has(dep) || dep === id) continue;
      count++;
      dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
    }
    waitingOn.set(id, count);
  }
  const ready = ids.filter((id) => waitingOn.get(id) === 0);
  const started = new Set<string>();
  const failed: string[] = [];
  let running = 0;
  return new Promise((resolve) => {
    const finish = () => resolve({ failed, notStarted: ids.filter((id) => !started.has(id)) });
    const pump = () => {
      while (failed.length === 0 && running < limit && ready.length > 0) {
        const id = ready.shift()!;
        started.add(id);
        running++;
        task(id).then(
          () => {
            running--;
            for (const next of dependents.get(id) ?? []) {
              const left = waitingOn.get(next)! - 1;
              waitingOn.set(next, left);
              if (left === 0) ready.push(next);
            }
            pump();
          },
          () => {
            running--;
            failed.push(id);
            pump();
          },
        );
      }
      if (running === 0 && (failed.length > 0 || ready.length === 0)) finish();
    };
    pump();
  });
}
