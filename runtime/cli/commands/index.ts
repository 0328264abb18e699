import type { CliCommand } from '../context';
import { buildCommand } from './build';
import { deployCommand } from './deploy';
import { paramCommand, secretCommand } from './params';
import { prCommand } from './pr';
import { repoCommand } from './repo';
import { pipelineCommand } from './pipeline';
import { validateCommand } from './validate';

/**
 * Every `slipway <noun>`, one per line: each engine adds its own line (this file
 * merges with git's union driver, see .gitattributes).
 */
export const COMMANDS: CliCommand[] = [
  validateCommand,
  paramCommand,
  secretCommand,
  buildCommand,
  deployCommand,
  repoCommand,
  prCommand,
  pipelineCommand,
];
import { stackCommand } from './stack';
import { validateCommand } from './validate';

/** Every `slipway <noun>`; each engine adds its noun here. */
export const COMMANDS: CliCommand[] = [validateCommand, paramCommand, secretCommand, stackCommand];
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
