import * as path from 'node:path';
import { DeployEngine } from '../../deployments/engine';
import { parseMinimumHealthy } from '../../deployments/configs';
import type { Deployment, TagFilter } from '../../deployments/records';
import { configShape, deploymentDocument, groupShape, instanceInfoShape } from '../../api/codedeploy/shapes';
import { isoTime } from '../../api/operations';
import { parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway deploy app create APP | app list [--json] | app delete APP',
  '  deploy group create APP GROUP (--instance NAME=DIR)... [--tag-filter KEY=VALUE]... [--config NAME] [--auto-rollback] [--blue-green [--termination-wait SECONDS]]',
  '  deploy group list APP [--json] | group delete APP GROUP',
  '  deploy config create NAME --min-healthy HOST_COUNT:N|FLEET_PERCENT:N | config list [--json]',
  '  deploy start APP GROUP --revision PATH|build:ID [--config NAME] [--ignore-application-stop-failures] [--json]',
  '  deploy status ID [--json] | deploy stop ID [--rollback] | deploy list [--json]',
  '  deploy instance register NAME --root DIR [--tag KEY=VALUE]... | instance list [--json] | instance deregister NAME',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  instance: { type: 'string', multiple: true },
  'tag-filter': { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  config: { type: 'string' },
  'auto-rollback': { type: 'boolean' },
  'blue-green': { type: 'boolean' },
  'termination-wait': { type: 'string' },
  'min-healthy': { type: 'string' },
  revision: { type: 'string' },
  rollback: { type: 'boolean' },
  root: { type: 'string' },
  'ignore-application-stop-failures': { type: 'boolean' },
} as const;

export const deployCommand: CliCommand = {
  name: 'deploy',
  summary: 'CodeDeploy-style deployments of an appspec.yml to local instances',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [noun, ...rest] = argv;
    const verbNouns = new Set(['app', 'group', 'config', 'instance']);
    const verb = verbNouns.has(noun) ? rest.shift() : undefined;
    const { values, positionals } = parse(rest, OPTIONS, `deploy ${noun ?? ''} ${verb ?? ''}`.trim());
    const engine = new DeployEngine(ctx.store());
    const registry = engine.registry;
    const out = (value: unknown, text: () => string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text()));
    const need = (count: number, usage: string) => {
      if (positionals.length < count) throw new UsageError(`usage: slipway ${usage}`);
      return positionals;
    };
    switch (`${noun} ${verb ?? ''}`.trim()) {
      case 'app create': {
        const [name] = need(1, 'deploy app create APP');
        out({ applicationId: registry.createApplication(name).id }, () => `created application ${name}\n`);
        return EXIT.ok;
      }
      case 'app list':
        out({ applications: registry.listApplications().map((a) => a.name) }, () => registry.listApplications().map((a) => `${a.name}\n`).join(''));
        return EXIT.ok;
      case 'app delete':
        registry.deleteApplication(need(1, 'deploy app delete APP')[0]);
        return EXIT.ok;
      case 'group create': {
        const [application, name] = need(2, 'deploy group create APP GROUP (--instance NAME=DIR)... [--tag-filter KEY=VALUE]...');
        const instances = (values.instance ?? []).map((item) => {
          const eq = item.indexOf('=');
          if (eq <= 0 || eq === item.length - 1) throw new UsageError(`--instance expects NAME=DIR, got "${item}"`);
          return { name: item.slice(0, eq), root: path.resolve(ctx.cwd, item.slice(eq + 1)) };
        });
        const tagFilters = (values['tag-filter'] ?? []).map(tagFilter);
        if (instances.length === 0 && tagFilters.length === 0) throw new UsageError('a deployment group needs --instance NAME=DIR or --tag-filter KEY=VALUE');
        const wait = values['termination-wait'] === undefined ? 0 : Number(values['termination-wait']);
        if (!Number.isInteger(wait) || wait < 0) throw new UsageError(`--termination-wait expects whole seconds, not "${values['termination-wait']}"`);
        const group = registry.putGroup(
          {
            application,
            name,
            instances,
            tagFilters,
            config: values.config ?? 'CodeDeployDefault.OneAtATime',
            autoRollback: !!values['auto-rollback'],
            ...(values['blue-green'] ? { blueGreen: { terminationWaitSeconds: wait } } : {}),
          },
          'create',
        );
        out({ deploymentGroupId: group.id }, () => `created deployment group ${name} in ${application} (${registry.groupInstances(group).length} instances, ${group.config})\n`);
        return EXIT.ok;
      }
      case 'group list': {
        const groups = registry.listGroups(need(1, 'deploy group list APP')[0]);
        const groupInfo = (g: (typeof groups)[number]) => groupShape(g, { slipway: { instances: g.instances, ...(g.blueGreen ? { blueGreen: g.blueGreen } : {}) } }, engine.lastSuccessful(g), isoTime);
        out({ deploymentGroupsInfo: groups.map(groupInfo) }, () => groups.map((g) => `${g.name}\t${g.config}\t${registry.groupInstances(g).map((i) => i.name).join(',')}\n`).join(''));
        return EXIT.ok;
      }
      case 'group delete': {
        const [application, name] = need(2, 'deploy group delete APP GROUP');
        registry.deleteGroup(application, name);
        return EXIT.ok;
      }
      case 'config create': {
        const [name] = need(1, 'deploy config create NAME --min-healthy HOST_COUNT:N|FLEET_PERCENT:N');
        if (!values['min-healthy']) throw new UsageError('deploy config create needs --min-healthy HOST_COUNT:N or FLEET_PERCENT:N');
        let hosts;
        try {
          hosts = parseMinimumHealthy(values['min-healthy']);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        out({ deploymentConfigId: configShape(registry.createConfig(name, hosts)).deploymentConfigId }, () => `created deployment config ${name} (${hosts.type} ${hosts.value})\n`);
        return EXIT.ok;
      }
      case 'config list': {
        const configs = registry.listConfigs();
        out({ deploymentConfigsList: configs.map((c) => c.name) }, () => configs.map((c) => `${c.name}\t${c.minimumHealthyHosts ? `${c.minimumHealthyHosts.type}:${c.minimumHealthyHosts.value}` : 'MOST_CONCURRENCY'}\n`).join(''));
        return EXIT.ok;
      }
      case 'instance register': {
        const [name] = need(1, 'deploy instance register NAME --root DIR [--tag KEY=VALUE]...');
        if (!values.root) throw new UsageError('deploy instance register needs --root DIR');
        const tags: Record<string, string> = {};
        for (const item of values.tag ?? []) {
          const eq = item.indexOf('=');
          if (eq <= 0) throw new UsageError(`--tag expects KEY=VALUE, got "${item}"`);
          tags[item.slice(0, eq)] = item.slice(eq + 1);
        }
        const instance = registry.registerInstance(name, path.resolve(ctx.cwd, values.root), tags);
        out({ instanceInfo: { ...instanceInfoShape(instance, isoTime), slipway: { root: instance.root } } }, () => `registered instance ${name}\n`);
        return EXIT.ok;
      }
      case 'instance list': {
        const instances = registry.listInstances();
        out({ instanceInfos: instances.map((i) => ({ ...instanceInfoShape(i, isoTime), slipway: { root: i.root } })) }, () => instances.map((i) => `${i.name}\t${i.root}\t${Object.entries(i.tags).map(([k, v]) => `${k}=${v}`).join(',')}\n`).join(''));
        return EXIT.ok;
      }
      case 'instance deregister':
        registry.deregisterInstance(need(1, 'deploy instance deregister NAME')[0]);
        return EXIT.ok;
      case 'start': {
        const [application, group] = need(2, 'deploy start APP GROUP --revision PATH|build:ID [--config NAME] [--json]');
        if (!values.revision) throw new UsageError('deploy start needs --revision PATH|build:ID');
        const printed = new Set<string>();
        const deployment = await engine.start(application, group, {
          revision: values.revision,
          config: values.config,
          ignoreApplicationStopFailures: values['ignore-application-stop-failures'],
          cwd: ctx.cwd,
          onProgress: (d) => reportProgress(ctx, d, printed),
        });
        const rollback = deployment.rollback ? engine.getDeployment(deployment.rollback.id) : undefined;
        if (values.json) printJson(ctx, deploymentDocument(engine.store, deployment));
        else {
          ctx.io.stderr(`deployment ${deployment.id}: ${deployment.status}${deployment.errorMessage ? ` (${deployment.errorMessage})` : ''}\n`);
          if (rollback) ctx.io.stderr(`rollback ${rollback.id}: ${rollback.status}\n`);
        }
        return deployment.status === 'Succeeded' ? EXIT.ok : EXIT.failed;
      }
      case 'status': {
        await engine.settleAbandoned();
        const deployment = engine.requireDeployment(need(1, 'deploy status ID [--json]')[0]);
        out(deploymentDocument(engine.store, deployment), () => describe(deployment));
        return EXIT.ok;
      }
      case 'stop': {
        const id = need(1, 'deploy stop ID [--rollback]')[0];
        let deployment = await engine.stop(id, !!values.rollback);
        // The process running it notices within a tenth of a second; wait for it to settle.
        const deadline = Date.now() + 60_000;
        while (deployment.status === 'InProgress' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          await engine.settleAbandoned();
          deployment = engine.requireDeployment(id);
        }
        out(deploymentDocument(engine.store, deployment), () => `${deployment.id}: ${deployment.status}${deployment.rollback ? `; rollback ${deployment.rollback.id} ${deployment.rollback.status}` : ''}\n`);
        return deployment.status === 'Stopped' ? EXIT.ok : EXIT.failed;
      }
      case 'list': {
        await engine.settleAbandoned();
        const deployments = engine.listDeployments();
        out(
          { deployments: deployments.map((d) => d.id) },
          () => deployments.map((d) => `${d.id}\t${d.application}/${d.group}\t${d.status}\t${d.createTime}\n`).join(''),
        );
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

/** KEY=VALUE → KEY_AND_VALUE, KEY= → KEY_ONLY, =VALUE → VALUE_ONLY (the Ec2TagFilter types). */
function tagFilter(text: string): TagFilter {
  const eq = text.indexOf('=');
  if (eq < 0) return { Key: text, Type: 'KEY_ONLY' };
  const key = text.slice(0, eq);
  const value = text.slice(eq + 1);
  if (!key && !value) throw new UsageError(`--tag-filter expects KEY=VALUE, KEY= or =VALUE, got "${text}"`);
  if (!key) return { Value: value, Type: 'VALUE_ONLY' };
  if (!value) return { Key: key, Type: 'KEY_ONLY' };
  return { Key: key, Value: value, Type: 'KEY_AND_VALUE' };
}

/** One stderr line per finished lifecycle event. */
function reportProgress(ctx: CliContext, d: Deployment, printed: Set<string>): void {
  for (const run of d.instances) {
    for (const event of run.events) {
      const key = `${d.id}/${run.name}/${event.name}`;
      if (printed.has(key) || !['Succeeded', 'Failed', 'Skipped'].includes(event.status) || run.status === 'Pending') continue;
      if (event.status === 'Skipped' && run.status === 'Skipped') continue;
      printed.add(key);
      const time = event.durationMs === undefined ? '' : ` ${event.durationMs} ms`;
      ctx.io.stderr(`${run.name}\t${event.name}\t${event.status}${time}${event.message ? `: ${event.message}` : ''}\n`);
    }
  }
}

function describe(d: Deployment): string {
  const lines = [`${d.id}\t${d.application}/${d.group}\t${d.status}${d.errorMessage ? ` (${d.errorMessage})` : ''}`];
  for (const run of d.instances) {
    lines.push(`  ${run.name}\t${run.status}`);
    for (const event of run.events) lines.push(`    ${event.name}\t${event.status}${event.durationMs === undefined ? '' : `\t${event.durationMs} ms`}${event.logFile ? `\t${event.logFile}` : ''}`);
  }
  if (d.rollback) lines.push(`  rollback ${d.rollback.id}\t${d.rollback.status}`);
  return lines.join('\n') + '\n';
}
