import { loadSpec } from '../template/spec';
import { useSpecRecreation } from './replacement';

/** The specification's update behaviour: Immutable replaces, Conditional may, Mutable does not. */
useSpecRecreation((type, property) => {
  const update = loadSpec().resource(type)?.properties[property]?.update;
  if (update === 'Immutable') return 'Always';
  if (update === 'Conditional') return 'Conditionally';
  if (update === 'Mutable') return 'Never';
  return undefined;
});
