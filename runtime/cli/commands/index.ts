import type { CliCommand } from '../context';
import { deployCommand } from './deploy';
import { paramCommand, secretCommand } from './params';
import { validateCommand } from './validate';

/** Every `slipway <noun>`; each engine adds its noun here. */
export const COMMANDS: CliCommand[] = [validateCommand, paramCommand, secretCommand, deployCommand];
