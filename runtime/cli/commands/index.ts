import type { CliCommand } from '../context';
import { paramCommand, secretCommand } from './params';
import { pipelineCommand } from './pipeline';
import { watchCommand } from './watch';
import { validateCommand } from './validate';

/** Every `slipway <noun>`; each engine adds its noun here. */
export const COMMANDS: CliCommand[] = [validateCommand, paramCommand, secretCommand, pipelineCommand, watchCommand];
