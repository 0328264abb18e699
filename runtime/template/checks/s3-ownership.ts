import { entry, isSeq, scalarString, type Node } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';
import { literalProperty, propertyAbsent } from './resource-links';

/** Canned ACLs a bucket whose ACLs are disabled still accepts (they give the owner full control). */
const OWNER_ONLY_ACLS = new Set(['Private', 'BucketOwnerFullControl']);

/**
 * E3045: a bucket with a canned ACL that grants others access needs OwnershipControls that
 * enable ACLs: new buckets default to BucketOwnerEnforced, which disables them
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
 */
export const s3Ownership: TemplateCheck = {
  codes: ['E3045'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::S3::Bucket') continue;
      const acl = literalProperty(resource, 'AccessControl');
      if (acl === undefined || OWNER_ONLY_ACLS.has(acl)) continue;
      let enforced: boolean;
      if (propertyAbsent(resource, 'OwnershipControls')) enforced = true;
      else {
        const rules = entry(entry(resource.properties?.value, 'OwnershipControls')?.value, 'Rules')?.value;
        const owners = isSeq(rules) ? rules.items.map((rule) => entry(rule as Node, 'ObjectOwnership')?.value) : undefined;
        enforced = !!owners?.length && owners.every((owner) => isLiteralScalar(owner) && scalarString(owner) === 'BucketOwnerEnforced');
      }
      if (enforced) report('E3045', model.rangeOf(entry(resource.properties?.value, 'AccessControl')!.value), `AccessControl ${acl} of ${id} needs ACLs, which are disabled unless OwnershipControls sets ObjectOwnership to ObjectWriter or BucketOwnerPreferred`);
    }
  },
};
