import type { CliCommand } from '../context';
import { activityCommand } from './activity';
import { gitServeCommand } from './git-serve';
import { paramCommand, secretCommand } from './params';
import { prCommand } from './pr';
import { repoCommand } from './repo';
import { serveCommand } from './serve';
import { userCommand } from './user';
import { validateCommand } from './validate';

/** Every `slipway <noun>`; each engine adds its noun here. */
export const COMMANDS: CliCommand[] = [validateCommand, paramCommand, secretCommand, repoCommand, prCommand, activityCommand, userCommand, serveCommand, gitServeCommand];
