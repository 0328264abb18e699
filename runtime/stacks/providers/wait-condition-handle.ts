import { registerProvider, type ResourceProvider } from '../provider';
import { randomSuffix } from './names';

/**
 * `AWS::CloudFormation::WaitConditionHandle`: Ref is where signals go. Locally that is
 * a file URL in the state home; writing a signal document there signals the handle.
 */
export const waitConditionHandleProvider: ResourceProvider = {
  type: 'AWS::CloudFormation::WaitConditionHandle',
  async create(_properties, ctx) {
    const folder = ctx.store.ensure('stacks', ctx.stackName, 'wait-conditions');
    const url = `file://${folder}/${ctx.logicalId}-${randomSuffix(8)}.json`;
    return { physicalId: url, attributes: {} };
  },
  async update(physicalId) {
    return { physicalId, attributes: {} };
  },
  async delete() {
    // The signal file goes with the stack's folder.
  },
};

registerProvider(waitConditionHandleProvider);
