import type { Ctx } from '../ctx';
import { registerKindLens } from '../common/kind-lens';

/** "Deploy stack · Preview changes" above every CloudFormation template. */
export function registerStackLens(ctx: Ctx): void {
  registerKindLens(ctx, 'template', (document) => [
    { title: '$(cloud-upload) Deploy stack', command: 'slipway.stacks.deploy', arguments: [document.uri] },
    { title: '$(diff) Preview changes', command: 'slipway.stacks.previewChanges', arguments: [document.uri] },
  ]);
}
