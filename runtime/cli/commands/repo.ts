import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { currentUser } from '../../common/identity';
import { plural } from '../../common/text';
import { backupRepo, createRepo, deleteRepo, describeRepo, importRepo, listRepos, restoreRepo } from '../../repos/repos';
import { addRule, addTrigger, checkLevel, grant, parseEvents, removeRule, removeTrigger } from '../../repos/settings';
import { readMeta } from '../../repos/store';
import { listDeliveries } from '../../repos/triggers';
import { StateStore } from '../../common/state';
import { repositoryShape, repositoryTriggersShape } from '../../api/codecommit/shapes';
import { isoTime } from '../../api/operations';
import type { RepoInfo } from '../../repos/model';
import { parse } from '../args';
import { runHook } from '../hook';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = [
  'slipway repo create NAME [--description TEXT] [--json] | list [--json] | describe NAME [--json] | delete NAME [--yes]',
  '  | import NAME --from PATH_OR_URL | backup NAME --to DIR | restore NAME --from DIR',
  '  | rule add NAME --branch PATTERN [--require-pull-request] [--approvals N] [--approver USER]... [--allow-push USER]... | rule remove NAME --branch PATTERN | rule list NAME',
  '  | trigger add NAME --name T --url URL --secret S --events all|updateReference,createReference,deleteReference,pull_request,… [--branch PATTERN]... | trigger remove NAME --name T | trigger list NAME | trigger deliveries NAME',
  '  | grant NAME USER read|write|admin|none',
].join('\n');

const OPTIONS = {
  json: { type: 'boolean' },
  description: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  yes: { type: 'boolean' },
  branch: { type: 'string', multiple: true },
  'require-pull-request': { type: 'boolean' },
  approvals: { type: 'string' },
  approver: { type: 'string', multiple: true },
  'allow-push': { type: 'string', multiple: true },
  name: { type: 'string' },
  url: { type: 'string' },
  secret: { type: 'string' },
  events: { type: 'string' },
} as const;

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}\nusage: ${USAGE}`);
  return value;
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * A repository's `--json` document: CodeCommit's RepositoryMetadata (as GetRepository and
 * CreateRepository return it, times as ISO text like the AWS CLI prints them). Without a
 * server the clone URL is the repository's local path, which git clones as it is.
 */
export function repositoryDocument(info: RepoInfo) {
  return {
    repositoryMetadata: {
      ...repositoryShape(info, undefined, isoTime),
      cloneUrlHttp: info.cloneUrl,
      slipway: { path: info.path, branches: info.branches, tags: info.tags, rules: info.rules, triggers: info.triggers, grants: info.grants, pullRequests: info.pullRequests },
    },
  };
}

export const repoCommand: CliCommand = {
  name: 'repo',
  summary: 'hosted git repositories (CodeCommit): create, import, back up, branch rules, triggers, permissions',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    if (verb === 'hook') return runHook(rest, ctx.io);
    const { values, positionals } = parse(rest, OPTIONS, `repo ${verb ?? ''}`.trim());
    const store = ctx.store();
    const user = await currentUser(ctx.cwd);
    const out = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
    const [name] = positionals;
    switch (verb) {
      case 'create': {
        const info = await createRepo(store, need(name, 'NAME'), { description: values.description, user });
        out(repositoryDocument(info), `created ${info.name}: git clone ${info.cloneUrl}`);
        return EXIT.ok;
      }
      case 'list': {
        const repos = await listRepos(store);
        out({ repositories: repos.map((r) => ({ repositoryName: r.name, repositoryId: r.id })) }, repos.map((r) => `${r.name}\t${plural(r.branches.length, 'branch')}\t${r.pullRequests.open} open PRs\t${r.cloneUrl}`).join('\n') || 'no repositories (create one: slipway repo create NAME)');
        return EXIT.ok;
      }
      case 'describe': {
        const info = await describeRepo(store, need(name, 'NAME'));
        out(repositoryDocument(info), [`${info.name}  ${info.description}`, `clone: ${info.cloneUrl}`, ...info.branches.map((b) => `  ${b.name}${b.protected ? ' (protected)' : ''}  ${b.commit.slice(0, 12)}`), ...info.rules.map((r) => `  rule ${JSON.stringify(r)}`)].join('\n'));
        return EXIT.ok;
      }
      case 'delete': {
        need(name, 'NAME');
        const { id } = readMeta(store, name);
        if (!values.yes && !(await confirm(ctx, `Delete repository ${name} and all its history? [y/N] `))) {
          ctx.io.stderr(`not deleted: confirm with --yes (slipway repo delete ${name} --yes)\n`);
          return EXIT.failed;
        }
        deleteRepo(store, name, user);
        out({ repositoryId: id }, `deleted ${name}`);
        return EXIT.ok;
      }
      case 'import': {
        const info = await importRepo(store, need(name, 'NAME'), need(values.from, '--from PATH_OR_URL'), { description: values.description, user });
        out(repositoryDocument(info), `imported ${info.name} (${plural(info.branches.length, 'branch')}, ${plural(info.tags.length, 'tag')}): git clone ${info.cloneUrl}`);
        return EXIT.ok;
      }
      case 'backup': {
        const result = await backupRepo(store, need(name, 'NAME'), path.resolve(ctx.cwd, need(values.to, '--to DIR')), user);
        out({ name, ...result }, `backed up ${name} to ${result.path} (${result.refs} refs)`);
        return EXIT.ok;
      }
      case 'restore': {
        const from = need(values.from, '--from DIR');
        const info = await restoreRepo(store, need(name, 'NAME'), fs.existsSync(path.resolve(ctx.cwd, from)) ? path.resolve(ctx.cwd, from) : from, user);
        out(repositoryDocument(info), `restored ${info.name} (${plural(info.branches.length, 'branch')}, ${plural(info.pullRequests.total, 'pull request')})`);
        return EXIT.ok;
      }
      case 'rule':
        return ruleVerb(positionals, values, store, user, ctx);
      case 'trigger':
        return triggerVerb(positionals, values, store, user, ctx);
      case 'grant': {
        const [, grantee, level] = positionals;
        const meta = grant(store, need(name, 'NAME'), need(grantee, 'USER'), checkLevel(level), user);
        out({ name, grants: meta.grants }, `${grantee}: ${level} on ${name}`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

function ruleVerb(positionals: string[], values: Values, store: StateStore, user: string, ctx: CliContext): number {
  const [action, name] = positionals;
  need(name, 'NAME');
  const print = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
  if (action === 'list') {
    const rules = readMeta(store, name).rules;
    print(rules, rules.map((r) => `${r.branch}\t${r.requirePullRequest ? 'pull request' : 'direct push'}\t${r.approvals} approvals${r.approvers.length ? ` from ${r.approvers.join(',')}` : ''}${r.allowPush.length ? `\tpush: ${r.allowPush.join(',')}` : ''}`).join('\n') || 'no rules');
    return EXIT.ok;
  }
  const branches = values.branch ?? [];
  if (branches.length !== 1) throw new UsageError(`repo rule ${action ?? ''} needs exactly one --branch PATTERN`);
  if (action === 'add') {
    const approvals = values.approvals === undefined ? 0 : Number(values.approvals);
    const meta = addRule(store, name, { branch: branches[0], requirePullRequest: !!values['require-pull-request'], approvals, approvers: values.approver ?? [], allowPush: values['allow-push'] ?? [] }, user);
    print(meta.rules, `rule for ${branches[0]} on ${name} saved`);
    return EXIT.ok;
  }
  if (action === 'remove') {
    const meta = removeRule(store, name, branches[0], user);
    print(meta.rules, `rule for ${branches[0]} on ${name} removed`);
    return EXIT.ok;
  }
  throw new UsageError(`usage: ${USAGE}`);
}

function triggerVerb(positionals: string[], values: Values, store: StateStore, user: string, ctx: CliContext): number {
  const [action, name] = positionals;
  need(name, 'NAME');
  const print = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
  switch (action) {
    case 'add': {
      const meta = addTrigger(store, name, { name: values.name ?? 'default', url: need(values.url, '--url URL'), secret: need(values.secret, '--secret S'), events: parseEvents(need(values.events, '--events LIST')), branches: values.branch ?? [] }, user);
      // PutRepositoryTriggers' answer.
      print({ configurationId: repositoryTriggersShape(meta.triggers).configurationId }, `trigger ${values.name ?? 'default'} on ${name} saved`);
      return EXIT.ok;
    }
    case 'remove': {
      const meta = removeTrigger(store, name, need(values.name, '--name T'), user);
      print({ configurationId: repositoryTriggersShape(meta.triggers).configurationId }, `trigger ${values.name} removed`);
      return EXIT.ok;
    }
    case 'list': {
      const triggers = readMeta(store, name).triggers;
      // GetRepositoryTriggers' shape; the events CodeCommit has no name for (pull requests) under slipway.
      const shaped = repositoryTriggersShape(triggers);
      const document = { ...shaped, triggers: shaped.triggers.map((t, i) => ({ ...t, slipway: { events: triggers[i].events } })) };
      print(document, triggers.map((t) => `${t.name}\t${t.url}\t${t.events.join(',')}\t${t.branches.join(',') || 'all branches'}`).join('\n') || 'no triggers');
      return EXIT.ok;
    }
    case 'deliveries': {
      const deliveries = listDeliveries(store, name);
      print(deliveries, deliveries.map((d) => `${d.time}\t${d.trigger}\t${d.event}\t${d.ok ? 'delivered' : 'FAILED'}\t${d.attempts.length} attempt(s)`).join('\n') || 'no deliveries');
      return EXIT.ok;
    }
    default:
      throw new UsageError(`usage: ${USAGE}`);
  }
}
