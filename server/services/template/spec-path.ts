import type { CfnSpec, PropertySpec, ValueType } from '../../../runtime/template/spec';

export interface PropertiesAt {
  properties: Record<string, PropertySpec>;
  /** `AWS::S3::Bucket` or `AWS::S3::Bucket.VersioningConfiguration`. */
  owner: string;
  /** The property type name (undefined at the resource's top level). */
  propertyType?: string;
}

/** The object type of a value type, looking through lists, maps and unions. */
export function objectName(type: ValueType): string | undefined {
  switch (type.kind) {
    case 'object':
      return type.name;
    case 'list':
      return objectName(type.item);
    case 'map':
      return objectName(type.value);
    case 'union':
      for (const option of type.options) {
        const name = objectName(option);
        if (name) return name;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The properties of the object at `path` (keys below `Properties`) of a resource type.
 * Intrinsic keys (`Fn::If`) are looked through; map types consume their free-form key.
 */
export function propertiesAt(spec: CfnSpec, resourceType: string, path: string[]): PropertiesAt | undefined {
  const resource = spec.resource(resourceType);
  if (!resource) return undefined;
  let current: PropertiesAt = { properties: resource.properties, owner: resourceType };
  let skipMapKey = false;
  for (const key of path) {
    if (key.startsWith('Fn::')) continue;
    if (skipMapKey) {
      skipMapKey = false;
      continue;
    }
    const prop = Object.hasOwn(current.properties, key) ? current.properties[key] : undefined;
    if (!prop) return undefined;
    const name = objectName(prop.type);
    if (!name) return undefined;
    const properties = spec.propertyType(resourceType, name);
    if (!properties) return undefined;
    skipMapKey = prop.type.kind === 'map';
    current = { properties, owner: `${resourceType}.${name}`, propertyType: name };
  }
  return skipMapKey ? undefined : current;
}

/** The specification of the property named by the last key of `path` (below `Properties`). */
export function propertyAt(spec: CfnSpec, resourceType: string, path: string[]): { property: PropertySpec; parent: PropertiesAt } | undefined {
  const keys = path.filter((k) => !k.startsWith('Fn::'));
  if (!keys.length) return undefined;
  const parent = propertiesAt(spec, resourceType, keys.slice(0, -1));
  const name = keys[keys.length - 1];
  if (!parent || !Object.hasOwn(parent.properties, name)) return undefined;
  return { property: parent.properties[name], parent };
}
