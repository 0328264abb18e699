/** One piece of work a dead process (a closed window, a killed CLI) left in progress, now settled. */
export interface Settled {
  kind: 'build' | 'stack' | 'deployment' | 'pipeline';
  /** The build id, stack name, deployment id or pipeline name. */
  id: string;
}

/**
 * Crash recovery, the same in every engine: finish honestly what a dead process left
 * in progress and say what was settled. runtime/recovery.ts calls each engine's.
 */
export interface AbandonedWorkSettler {
  settleAbandoned(): Promise<Settled[]>;
}
