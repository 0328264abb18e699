import type { DeploymentConfig, MinimumHealthyHosts } from './records';

/** The built-in server deployment configs (CodeDeployDefault.*). */
export const BUILT_IN_CONFIGS: DeploymentConfig[] = [
  { name: 'CodeDeployDefault.OneAtATime', builtIn: true },
  { name: 'CodeDeployDefault.HalfAtATime', builtIn: true, minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 } },
  { name: 'CodeDeployDefault.AllAtOnce', builtIn: true, minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 0 } },
];

export const DEFAULT_CONFIG = 'CodeDeployDefault.OneAtATime';

/**
 * How a config schedules a deployment of n instances: how many at a time, when to
 * stop starting new ones, and whether the result counts as success.
 */
export interface HealthRule {
  concurrency: number;
  /** Whether more instances may be started after these results. */
  mayContinue(succeeded: number, failed: number): boolean;
  succeeded(succeeded: number, failed: number): boolean;
}

/** A config that cannot be applied to this many instances (HEALTH_CONSTRAINTS_INVALID). */
export class HealthConstraintsError extends Error {}

export function healthRule(config: DeploymentConfig, n: number): HealthRule {
  if (!config.minimumHealthyHosts) {
    // OneAtATime: all but one stay healthy, so the first failure stops the deployment,
    // but a failure on the last instance still succeeds. Locally at least one instance
    // must have succeeded, so a one-instance group that failed fails.
    return {
      concurrency: 1,
      mayContinue: (_s, failed) => failed === 0,
      succeeded: (succeeded) => succeeded >= Math.max(1, n - 1),
    };
  }
  if (config.name === 'CodeDeployDefault.AllAtOnce') {
    return { concurrency: n, mayContinue: () => true, succeeded: (succeeded) => succeeded >= 1 };
  }
  if (config.name === 'CodeDeployDefault.HalfAtATime') {
    const minimum = Math.ceil(n / 2);
    return {
      concurrency: Math.max(1, Math.floor(n / 2)),
      mayContinue: (_s, failed) => n - failed >= minimum,
      succeeded: (succeeded) => succeeded >= minimum,
    };
  }
  const minimum = minimumHealthy(config.minimumHealthyHosts, n);
  const concurrency = n - minimum;
  if (concurrency < 1) {
    throw new HealthConstraintsError(
      `${config.name} keeps ${minimum} of ${n} instance${n === 1 ? '' : 's'} healthy, which leaves none to deploy to (HEALTH_CONSTRAINTS_INVALID)`,
    );
  }
  return {
    concurrency,
    mayContinue: (_s, failed) => n - failed >= minimum,
    succeeded: (succeeded) => succeeded >= Math.max(1, minimum),
  };
}

/** HOST_COUNT as given; FLEET_PERCENT converted to instances, fractions rounded up. */
export function minimumHealthy(hosts: MinimumHealthyHosts, n: number): number {
  return hosts.type === 'HOST_COUNT' ? hosts.value : Math.ceil((n * hosts.value) / 100);
}

/** Parses `HOST_COUNT:N` / `FLEET_PERCENT:N`. */
export function parseMinimumHealthy(text: string): MinimumHealthyHosts {
  const match = /^(HOST_COUNT|FLEET_PERCENT):(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--min-healthy expects HOST_COUNT:N or FLEET_PERCENT:N, not "${text}"`);
  const value = Number(match[2]);
  if (match[1] === 'FLEET_PERCENT' && value > 99) throw new Error(`FLEET_PERCENT must be from 0 to 99, not ${value}`);
  return { type: match[1] as MinimumHealthyHosts['type'], value };
}
