import * as fs from 'node:fs';
import { ParameterStore, type ParameterType } from '../../common/params';
import { parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

export const paramCommand: CliCommand = {
  name: 'param',
  summary: 'the local parameter store (what buildspec parameter-store and templates read)',
  usage: 'slipway param put NAME VALUE [--secure|--type String|StringList|SecureString] | get NAME [--json] | list [--json] | delete NAME',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    const { values, positionals } = parse(rest, { secure: { type: 'boolean' }, type: { type: 'string' }, json: { type: 'boolean' } }, `param ${verb ?? ''}`.trim());
    const params = new ParameterStore(ctx.store());
    switch (verb) {
      case 'put': {
        const [name, value] = positionals;
        if (!name || value === undefined) throw new UsageError('usage: slipway param put NAME VALUE [--secure]');
        const type = (values.secure ? 'SecureString' : (values.type ?? 'String')) as ParameterType;
        if (!['String', 'StringList', 'SecureString'].includes(type)) throw new UsageError(`--type must be String, StringList or SecureString, not "${type}"`);
        const version = params.putParameter(name, value, type);
        if (values.json) printJson(ctx, { name, type, version });
        else ctx.io.stderr(`stored ${name} (${type}, version ${version})\n`);
        return EXIT.ok;
      }
      case 'get': {
        const [name] = positionals;
        if (!name) throw new UsageError('usage: slipway param get NAME');
        const param = params.getParameter(name);
        if (values.json) printJson(ctx, param);
        else ctx.io.stdout(param.value + '\n');
        return EXIT.ok;
      }
      case 'list': {
        const list = params.listParameters();
        if (values.json) printJson(ctx, list);
        else for (const p of list) ctx.io.stdout(`${p.name}\t${p.type}\tversion ${p.version}\n`);
        return EXIT.ok;
      }
      case 'delete': {
        const [name] = positionals;
        if (!name) throw new UsageError('usage: slipway param delete NAME');
        params.deleteParameter(name);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${this.usage}`);
    }
  },
};

export const secretCommand: CliCommand = {
  name: 'secret',
  summary: 'the local secret store (what buildspec secrets-manager and {{resolve:secretsmanager}} read)',
  usage: 'slipway secret put ID VALUE | put ID --json FILE|- | get ID [--version-stage S] | list [--json] | delete ID',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const [verb, ...rest] = argv;
    const params = new ParameterStore(ctx.store());
    if (verb === 'list') {
      // `put --json FILE` names a file; for list, --json asks for JSON output as everywhere else.
      const { values } = parse(rest, { json: { type: 'boolean' } }, 'secret list');
      const list = params.listSecrets();
      if (values.json) printJson(ctx, list);
      else for (const s of list) ctx.io.stdout(`${s.id}\t${s.versions} version${s.versions === 1 ? '' : 's'}\n`);
      return EXIT.ok;
    }
    const { values, positionals } = parse(
      rest,
      { json: { type: 'string' }, 'version-stage': { type: 'string' }, 'version-id': { type: 'string' }, list: { type: 'boolean' } },
      `secret ${verb ?? ''}`.trim(),
    );
    switch (verb) {
      case 'put': {
        const [id, value] = positionals;
        if (!id) throw new UsageError('usage: slipway secret put ID VALUE | --json FILE|-');
        let secret: string;
        if (values.json !== undefined) {
          const text = values.json === '-' ? fs.readFileSync(0, 'utf8') : readFile(values.json);
          try {
            JSON.parse(text);
          } catch (error) {
            throw new UsageError(`${values.json === '-' ? 'stdin' : values.json}: not valid JSON (${(error as Error).message})`);
          }
          secret = text.trim();
        } else if (value !== undefined) secret = value;
        else throw new UsageError('usage: slipway secret put ID VALUE | --json FILE|-');
        const versionId = params.putSecret(id, secret);
        ctx.io.stderr(`stored secret ${id} (version ${versionId}, AWSCURRENT)\n`);
        return EXIT.ok;
      }
      case 'get': {
        const [id] = positionals;
        if (!id) throw new UsageError('usage: slipway secret get ID');
        ctx.io.stdout(params.getSecret(id, { versionStage: values['version-stage'], versionId: values['version-id'] }) + '\n');
        return EXIT.ok;
      }
      case 'delete': {
        const [id] = positionals;
        if (!id) throw new UsageError('usage: slipway secret delete ID');
        params.deleteSecret(id);
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${this.usage}`);
    }
  },
};

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
}
