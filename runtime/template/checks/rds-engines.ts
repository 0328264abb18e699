import type * as YAML from 'yaml';
import { isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { didYouMean } from '../../common/text';
import { intrinsicOf, isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/**
 * DB instance engines (RDS CreateDBInstance, "Engine" valid values; `aurora` is the legacy
 * Aurora MySQL 5.6 name CloudFormation still accepts). RDS compares them case-insensitively.
 */
const ENGINES = [
  'aurora',
  'aurora-mysql',
  'aurora-postgresql',
  'custom-oracle-ee',
  'custom-oracle-ee-cdb',
  'custom-oracle-se2',
  'custom-oracle-se2-cdb',
  'custom-sqlserver-ee',
  'custom-sqlserver-se',
  'custom-sqlserver-web',
  'custom-sqlserver-dev',
  'db2-ae',
  'db2-se',
  'mariadb',
  'mysql',
  'oracle-ee',
  'oracle-ee-cdb',
  'oracle-se2',
  'oracle-se2-cdb',
  'postgres',
  'sqlserver-ee',
  'sqlserver-se',
  'sqlserver-ex',
  'sqlserver-web',
];

function values(node: Node, depth = 0): YAML.Node[] {
  const call = intrinsicOf(node, { allowCondition: false });
  if (!call) return isLiteralScalar(node) ? [node] : [];
  if (call.name !== 'Fn::If' || !isSeq(call.arg) || depth > 20) return [];
  return call.arg.items.slice(1, 3).flatMap((branch) => values(branch as Node, depth + 1));
}

/** E3691: a DB instance's Engine is one RDS knows. */
export const rdsEngines: TemplateCheck = {
  codes: ['E3691'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::RDS::DBInstance') continue;
      for (const node of values(entry(resource.properties?.value, 'Engine')?.value)) {
        const engine = scalarString(node) ?? '';
        if (ENGINES.includes(engine.toLowerCase())) continue;
        const guess = didYouMean(engine, ENGINES);
        report('E3691', model.rangeOf(node), `"${engine}" is not an RDS engine for ${id}${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
      }
    }
  },
};
