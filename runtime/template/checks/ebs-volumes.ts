import { deployedValues, isLiteralScalar } from '../nodes';
import { entry, scalarString, type Node, isMap, isSeq } from '../../common/yaml/nodes';
import type { CheckContext, TemplateCheck } from './context';
import { didYouMean } from '../../common/text';

/** EBS volume types (Amazon EBS User Guide, "Amazon EBS volume types"). */
const VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1', 'standard'];
/** The least provisioned IOPS each type accepts (io1/io2: 100; gp3: 3,000 baseline). */
const MIN_IOPS: Record<string, number> = { io1: 100, io2: 100, gp3: 3000 };
/** Instance store device names: ephemeral0 to ephemeral23. */
const EPHEMERAL = /^ephemeral([0-9]|1[0-9]|2[0-3])$/;

/** Where block device mappings live: resource type → path to the list. */
const MAPPINGS: Record<string, string[]> = {
  'AWS::EC2::Instance': ['BlockDeviceMappings'],
  'AWS::AutoScaling::LaunchConfiguration': ['BlockDeviceMappings'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateData', 'BlockDeviceMappings'],
};

/** The objects at a path, through each Fn::If branch on the way (other intrinsics: none to check). */
function at(node: Node, path: string[]): Node[] {
  if (!path.length) return deployedValues(node);
  const [head, ...rest] = path;
  return deployedValues(node).flatMap((choice) => at(entry(choice, head)?.value, rest));
}

/**
 * E3030 unknown EBS volume type, E3671 provisioned IOPS below the type's minimum,
 * E3715 an instance store device name that is not ephemeral0–ephemeral23.
 */
export const ebsVolumes: TemplateCheck = {
  codes: ['E3030', 'E3671', 'E3715'],
  run(context) {
    for (const resource of context.model.resources.values()) {
      const properties = resource.properties?.value;
      if (resource.type === 'AWS::EC2::Volume') checkVolume(properties, context);
      const path = resource.type && Object.hasOwn(MAPPINGS, resource.type) ? MAPPINGS[resource.type] : undefined;
      if (!path) continue;
      for (const list of at(properties, path)) {
        if (!isSeq(list)) continue;
        for (const mapping of list.items.flatMap((item) => deployedValues(item as Node))) {
          const virtualName = entry(mapping, 'VirtualName');
          const name = isLiteralScalar(virtualName?.value) ? scalarString(virtualName.value) : undefined;
          if (virtualName && name !== undefined && !EPHEMERAL.test(name)) {
            context.report('E3715', context.model.rangeOf(virtualName.value), `"${name}" is not an instance store device name: use ephemeral0 to ephemeral23`);
          }
          for (const ebs of at(mapping, ['Ebs'])) checkVolume(ebs, context);
        }
      }
    }
  },
};

function checkVolume(volume: Node, { model, report }: CheckContext): void {
  if (!isMap(volume)) return;
  const typeEntry = entry(volume, 'VolumeType');
  const type = isLiteralScalar(typeEntry?.value) ? scalarString(typeEntry.value) : undefined;
  if (typeEntry && type !== undefined && !VOLUME_TYPES.includes(type)) {
    const guess = didYouMean(type, VOLUME_TYPES);
    const hint = guess ? `did you mean ${guess}?` : `use one of ${VOLUME_TYPES.join(', ')}`;
    report('E3030', model.rangeOf(typeEntry.value), `"${type}" is not an EBS volume type; ${hint}`, { data: guess ? { replacement: guess } : undefined });
    return;
  }
  const iops = entry(volume, 'Iops');
  const value = isLiteralScalar(iops?.value) ? Number(scalarString(iops.value)) : NaN;
  const minimum = type !== undefined && Object.hasOwn(MIN_IOPS, type) ? MIN_IOPS[type] : undefined;
  if (iops && minimum !== undefined && Number.isFinite(value) && value < minimum) {
    report('E3671', model.rangeOf(iops.value), `${type} volumes take at least ${minimum} IOPS, not ${value}`);
  }
}
