import { registerFeatures } from '../../features';
import { appspecFeatures } from '../appspec';
import { buildspecFeatures } from '../buildspec';
import { pipelineFeatures, templatePipelineFeatures } from '../pipeline';

/** Buildspec, AppSpec and pipeline language features (one import line in server/all-features.ts). */
registerFeatures('buildspec', buildspecFeatures);
registerFeatures('appspec', appspecFeatures);
registerFeatures('pipeline', pipelineFeatures);
registerFeatures('template', templatePipelineFeatures);
