import type { CliCommand } from '../context';
import { activityCommand } from './activity';
import { paramCommand, secretCommand } from './params';
import { prCommand } from './pr';
import { repoCommand } from './repo';
import { validateCommand } from './validate';

/** Every `slipway <noun>`; each engine adds its noun here. */
export const COMMANDS: CliCommand[] = [validateCommand, paramCommand, secretCommand, repoCommand, prCommand, activityCommand];
