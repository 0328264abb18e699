import type { Ctx } from '../ctx';
import { registerKindLens } from '../common/kind-lens';

/** "Run build" above every buildspec. */
export function registerBuildLens(ctx: Ctx): void {
  registerKindLens(ctx, 'buildspec', (document) => [{ title: '$(play) Run build', command: 'slipway.runBuild', arguments: [document.uri] }]);
}
