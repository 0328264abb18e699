import { NotFoundError } from '../../common/errors';
import { ParameterStore, type ParameterType } from '../../common/params';
import { registerProvider, type ProviderContext, type ResourceProvider } from '../provider';
import { randomSuffix, stringProperty } from './names';

function put(name: string, properties: Record<string, unknown>, ctx: ProviderContext) {
  const type = (stringProperty(properties, 'Type', true) ?? 'String') as ParameterType;
  if (type !== 'String' && type !== 'StringList') throw new Error(`Type must be String or StringList (CloudFormation cannot create SecureString parameters), not ${type}`);
  const value = stringProperty(properties, 'Value', true)!;
  new ParameterStore(ctx.store).putParameter(name, value, type);
  return { physicalId: name, attributes: { Type: type, Value: value } };
}

/** `AWS::SSM::Parameter`: a parameter in the local parameter store (which builds read too). */
export const ssmParameterProvider: ResourceProvider = {
  type: 'AWS::SSM::Parameter',
  async create(properties, ctx) {
    const name = stringProperty(properties, 'Name') ?? `CFN-${ctx.logicalId}-${randomSuffix(12)}`;
    const store = new ParameterStore(ctx.store);
    if (store.listParameters().some((p) => p.name === name)) throw new Error(`${name} already exists in the local parameter store`);
    return put(name, properties, ctx);
  },
  async update(physicalId, properties, _old, ctx) {
    return put(physicalId, properties, ctx);
  },
  async delete(physicalId, _properties, ctx) {
    try {
      new ParameterStore(ctx.store).deleteParameter(physicalId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  },
  async read(physicalId, properties, ctx) {
    try {
      const current = new ParameterStore(ctx.store).getParameter(physicalId);
      return { ...properties, Type: current.type, Value: current.value };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  },
};

registerProvider(ssmParameterProvider);
