import { providerFor, type ResourceProvider } from './provider';

/** The provider of a type: a registered one, else the simulated provider (registered as "*"). */
export function providerOf(type: string): ResourceProvider {
  const provider = providerFor(type);
  if (!provider) throw new Error(`no provider for ${type}: the simulated provider is not registered`);
  return provider;
}
