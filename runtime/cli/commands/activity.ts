import { activeUsers, readActivity } from '../../repos/activity';
import { parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

export const activityCommand: CliCommand = {
  name: 'activity',
  summary: 'the audit log of every repository call, push and fetch (the local CloudTrail); active users per month',
  usage: 'slipway activity [--repo NAME] [--json] | activity --active-users [--month YYYY-MM] [--json]',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parse(argv, { repo: { type: 'string' }, json: { type: 'boolean' }, 'active-users': { type: 'boolean' }, month: { type: 'string' } }, 'activity');
    if (positionals.length) throw new UsageError(`usage: ${this.usage}`);
    const store = ctx.store();
    if (values['active-users']) {
      const month = values.month ?? new Date().toISOString().slice(0, 7);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM, not "${month}"`);
      const result = activeUsers(store, month);
      if (values.json) printJson(ctx, result);
      else ctx.io.stdout(`${result.count} active user${result.count === 1 ? '' : 's'} in ${month}${result.users.length ? `: ${result.users.join(', ')}` : ''}\n`);
      return EXIT.ok;
    }
    const entries = readActivity(store, { repository: values.repo });
    if (values.json) printJson(ctx, entries);
    else {
      for (const e of entries) {
        const refs = Array.isArray(e.refs) ? ` ${(e.refs as string[]).join(' ')}` : '';
        ctx.io.stdout(`${e.time}\t${e.user ?? '-'}\t${e.action ?? '-'}\t${e.repository ?? '-'}${refs}\t${e.result ?? ''}${e.reason ? ` (${e.reason})` : ''}\n`);
      }
    }
    return EXIT.ok;
  },
};
