import type * as YAML from 'yaml';
import { isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { didYouMean } from '../../common/text';
import { deployedValues, intrinsicOf, isLiteralScalar } from '../nodes';
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

const AURORA_ENGINES = new Set(['aurora', 'aurora-mysql', 'aurora-postgresql']);

/**
 * Instance class families RDS offers only outside Aurora: general purpose (db.m…), compute
 * (db.c…), db.z1d and the db.x1/db.x1e/db.x2i… memory classes of RDS for Oracle and SQL
 * Server. Aurora takes db.serverless, memory-optimized db.r… and db.x2g, and burstable db.t…
 * ("Supported DB engines for DB instance classes",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html).
 * Families not named here (a future one) are never reported.
 */
const NOT_AURORA_CLASS = /^db\.(m\d|c\d|z1d|x1e?\.|x2i)/;

/** E3691: a DB instance's Engine is one RDS knows; E3025: an Aurora instance's class is one Aurora offers. */
export const rdsEngines: TemplateCheck = {
  codes: ['E3691', 'E3025'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::RDS::DBInstance') continue;
      const engines = values(entry(resource.properties?.value, 'Engine')?.value);
      for (const node of engines) {
        const engine = scalarString(node) ?? '';
        if (ENGINES.includes(engine.toLowerCase())) continue;
        const guess = didYouMean(engine, ENGINES);
        report('E3691', model.rangeOf(node), `"${engine}" is not an RDS engine for ${id}${guess ? `; did you mean ${guess}?` : ''}`, { data: guess ? { replacement: guess } : undefined });
      }
      // Only when every value the Engine may take is an Aurora engine written out.
      const engineNode = entry(resource.properties?.value, 'Engine')?.value;
      const aurora = engines.length > 0 && engines.length === deployedValues(engineNode, { keepCalls: true }).length && engines.every((n) => AURORA_ENGINES.has((scalarString(n) ?? '').toLowerCase()));
      if (!aurora) continue;
      for (const node of values(entry(resource.properties?.value, 'DBInstanceClass')?.value)) {
        const instanceClass = scalarString(node) ?? '';
        if (NOT_AURORA_CLASS.test(instanceClass.toLowerCase())) {
          report('E3025', model.rangeOf(node), `${instanceClass} is not an Aurora DB instance class (Aurora takes db.serverless, db.r…, db.x2g and db.t… classes) for ${id}`);
        }
      }
    }
  },
};
