import type { Ctx } from '../ctx';
import { registerKindLens } from '../common/kind-lens';

/** "Deploy to a group…" above every appspec (YAML or JSON). */
export function registerDeployLens(ctx: Ctx): void {
  registerKindLens(ctx, 'appspec', (document) => [{ title: '$(rocket) Deploy to a group…', command: 'slipway.deploy', arguments: [document.uri] }]);
}
