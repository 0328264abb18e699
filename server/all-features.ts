/**
 * Registers every kind's language features and semantic checks. server.ts imports
 * this once; each language service adds one import line here.
 */
import '../runtime/plugins';
import { registerFeatures } from './features';
import { structureFeatures } from './services/structure';
import './services/template';
import './services/lang/register';

for (const kind of ['template', 'buildspec', 'appspec', 'pipeline'] as const) registerFeatures(kind, structureFeatures);
