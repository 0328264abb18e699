import { gitServe } from '../../repos/ssh';
import { checkUserName } from '../../common/users';
import { UsageError, type CliCommand, type CliContext } from '../context';

export const gitServeCommand: CliCommand = {
  name: 'git-serve',
  summary: 'the forced command of SSH keys added with `slipway user key add` (run by sshd, not by hand)',
  usage: 'slipway git-serve USER   (reads SSH_ORIGINAL_COMMAND)',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    if (argv.length !== 1) throw new UsageError(`usage: ${this.usage}`);
    return gitServe(ctx.store(), checkUserName(argv[0]), process.env.SSH_ORIGINAL_COMMAND, ctx.io.stderr);
  },
};
