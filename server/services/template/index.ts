import { registerFeatures, type KindFeatures } from '../../features';
import { templateCodeActions } from './code-actions';
import { templateCompletion } from './completion';
import { templateHover } from './hover';
import { templateDefinition, templatePrepareRename, templateReferences, templateRename } from './navigation';
import { templateSymbols } from './symbols';

/** CloudFormation template language features (folding comes from the shared structure service). */
export const templateFeatures: KindFeatures = {
  completion: templateCompletion,
  hover: templateHover,
  definition: templateDefinition,
  references: templateReferences,
  prepareRename: templatePrepareRename,
  rename: templateRename,
  documentSymbols: templateSymbols,
  codeActions: templateCodeActions,
};

registerFeatures('template', templateFeatures);
