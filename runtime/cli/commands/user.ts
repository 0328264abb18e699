import * as path from 'node:path';
import { createAccessKey, deleteAccessKey, listAccessKeys } from '../../api/access-keys';
import { checkUserName, createToken, listUsers, readUser, revokeToken } from '../../common/users';
import { addKey, authorizedKeysPath, removeKey } from '../../repos/users';
import { parse } from '../args';
import { EXIT, UsageError, printJson, type CliCommand, type CliContext } from '../context';

const USAGE = 'slipway user list [--json] | access-key create USER [--json] | access-key list USER [--json] | access-key delete USER ACCESS-KEY-ID | token create USER [--description TEXT] [--json] | token list USER | token revoke USER ID | key add USER KEYFILE | key remove USER FINGERPRINT | key list USER';

export const userCommand: CliCommand = {
  name: 'user',
  summary: 'users of `slipway serve` and SSH: access tokens and public keys (authorized_keys with forced commands)',
  usage: USAGE,
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, description: { type: 'string' } }, 'user');
    const [noun, verb, name, arg] = positionals;
    const store = ctx.store();
    const out = (value: unknown, text: string) => (values.json ? printJson(ctx, value) : ctx.io.stdout(text + '\n'));
    if (noun === 'list') {
      const users = listUsers(store).map((u) => ({ name: u.name, tokens: u.tokens.map(({ sha256: _hash, ...t }) => t), keys: u.keys.map(({ key: _key, ...k }) => k) }));
      out(users, users.map((u) => `${u.name}\t${u.tokens.length} tokens\t${u.keys.length} keys`).join('\n') || 'no users (slipway user token create USER)');
      return EXIT.ok;
    }
    if (!name) throw new UsageError(`usage: ${USAGE}`);
    checkUserName(name);
    switch (`${noun} ${verb}`) {
      case 'access-key create': {
        // The secret is shown once; it is kept sealed with the local key (the signature check needs it).
        const created = createAccessKey(store, name);
        out(created, `${created.AccessKey.AccessKeyId}\t${created.AccessKey.SecretAccessKey}`);
        if (!values.json) ctx.io.stderr(`access key for ${name}: export AWS_ACCESS_KEY_ID=${created.AccessKey.AccessKeyId} AWS_SECRET_ACCESS_KEY=<the secret above> (shown only now)\n`);
        return EXIT.ok;
      }
      case 'access-key list': {
        const keys = listAccessKeys(store, name);
        out({ AccessKeyMetadata: keys, IsTruncated: false }, keys.map((k) => `${k.AccessKeyId}\t${k.Status}\t${k.CreateDate}`).join('\n') || 'no access keys');
        return EXIT.ok;
      }
      case 'access-key delete':
        if (!arg) throw new UsageError('usage: slipway user access-key delete USER ACCESS-KEY-ID');
        deleteAccessKey(store, name, arg);
        out({ UserName: name, AccessKeyId: arg, deleted: true }, `deleted access key ${arg}`);
        return EXIT.ok;
      case 'token create': {
        const { id, token } = createToken(store, name, values.description);
        // The token is shown once; only its hash is kept.
        out({ user: name, id, token }, token);
        if (!values.json) ctx.io.stderr(`token ${id} for ${name}: use it as the password of http://${name}@HOST:PORT/REPO.git (shown only now)\n`);
        return EXIT.ok;
      }
      case 'token list': {
        const tokens = (readUser(store, name)?.tokens ?? []).map(({ sha256: _hash, ...t }) => t);
        out(tokens, tokens.map((t) => `${t.id}\t${t.createdAt}\t${t.description}`).join('\n') || 'no tokens');
        return EXIT.ok;
      }
      case 'token revoke':
        if (!arg) throw new UsageError('usage: slipway user token revoke USER ID');
        revokeToken(store, name, arg);
        out({ user: name, revoked: arg }, `revoked token ${arg}`);
        return EXIT.ok;
      case 'key add': {
        if (!arg) throw new UsageError('usage: slipway user key add USER KEYFILE');
        const key = addKey(store, name, path.resolve(ctx.cwd, arg));
        out({ user: name, fingerprint: key.fingerprint, authorizedKeys: authorizedKeysPath(store) }, `added ${key.fingerprint} for ${name}; point sshd's AuthorizedKeysFile at ${authorizedKeysPath(store)} (or append it to ~/.ssh/authorized_keys of the git account)`);
        return EXIT.ok;
      }
      case 'key remove':
        if (!arg) throw new UsageError('usage: slipway user key remove USER FINGERPRINT');
        removeKey(store, name, arg);
        out({ user: name, removed: arg }, `removed ${arg}`);
        return EXIT.ok;
      case 'key list': {
        const keys = (readUser(store, name)?.keys ?? []).map(({ key: _key, ...k }) => k);
        out(keys, keys.map((k) => `${k.fingerprint}\t${k.type}\t${k.comment}`).join('\n') || 'no keys');
        return EXIT.ok;
      }
      default:
        throw new UsageError(`usage: ${USAGE}`);
    }
  },
};
