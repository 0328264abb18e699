import { entry } from '../../common/yaml/nodes';
import type { TemplateCheck } from './context';
import { linkedResource, literalProperty } from './resource-links';

/**
 * E3707: a DB instance in a DB cluster of this template runs the cluster's engine
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-dbclusteridentifier);
 * compared as RDS does, without regard to case, when both are written out.
 */
export const rdsClusterInstances: TemplateCheck = {
  codes: ['E3707'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::RDS::DBInstance') continue;
      const cluster = linkedResource(model, entry(resource.properties?.value, 'DBClusterIdentifier')?.value);
      if (cluster?.type !== 'AWS::RDS::DBCluster') continue;
      const engine = literalProperty(resource, 'Engine');
      const clusterEngine = literalProperty(cluster, 'Engine');
      if (engine === undefined || clusterEngine === undefined || engine.toLowerCase() === clusterEngine.toLowerCase()) continue;
      report('E3707', model.rangeOf(entry(resource.properties?.value, 'Engine')!.value), `Engine ${engine} of ${id} differs from ${clusterEngine}, the engine of its DB cluster ${cluster.name}`);
    }
  },
};
