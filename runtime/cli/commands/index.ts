import type { CliCommand } from '../context';
import { activityCommand } from './activity';
import { buildCommand } from './build';
import { deployCommand } from './deploy';
import { gitServeCommand } from './git-serve';
import { paramCommand, secretCommand } from './params';
import { pipelineCommand } from './pipeline';
import { prCommand } from './pr';
import { repoCommand } from './repo';
import { serveCommand } from './serve';
import { stackCommand } from './stack';
import { userCommand } from './user';
import { validateCommand } from './validate';
import { watchCommand } from './watch';

/**
 * Every `slipway <noun>`, one per line: each engine adds its own line (this file
 * merges with git's union driver, see .gitattributes).
 */
export const COMMANDS: CliCommand[] = [
  validateCommand,
  paramCommand,
  secretCommand,
  buildCommand,
  stackCommand,
  deployCommand,
  repoCommand,
  prCommand,
  activityCommand,
  userCommand,
  serveCommand,
  gitServeCommand,
  pipelineCommand,
  watchCommand,
];
