import { isSeq, entry, scalarString, type Node } from '../../common/yaml/nodes';
import { isLiteralScalar } from '../nodes';
import type { TemplateCheck } from './context';

/** AWS Backup keeps a recovery point in cold storage for at least 90 days before it may be deleted. */
const MIN_COLD_DAYS = 90;

function days(node: Node): number | undefined {
  const value = isLiteralScalar(node) ? Number(scalarString(node)) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** E3504: a backup rule's DeleteAfterDays comes at least 90 days after MoveToColdStorageAfterDays. */
export const backupLifecycle: TemplateCheck = {
  codes: ['E3504'],
  run({ model, report }) {
    for (const [id, resource] of model.resources) {
      if (resource.type !== 'AWS::Backup::BackupPlan') continue;
      const rules = entry(entry(resource.properties?.value, 'BackupPlan')?.value, 'BackupPlanRule')?.value;
      if (!isSeq(rules)) continue;
      for (const rule of rules.items) {
        const lifecycles = [entry(rule as Node, 'Lifecycle')?.value];
        const copies = entry(rule as Node, 'CopyActions')?.value;
        if (isSeq(copies)) for (const copy of copies.items) lifecycles.push(entry(copy as Node, 'Lifecycle')?.value);
        for (const lifecycle of lifecycles) {
          const cold = days(entry(lifecycle, 'MoveToColdStorageAfterDays')?.value);
          const deleteEntry = entry(lifecycle, 'DeleteAfterDays');
          const deleted = days(deleteEntry?.value);
          if (cold === undefined || deleted === undefined || !deleteEntry || deleted - cold >= MIN_COLD_DAYS) continue;
          report('E3504', model.rangeOf(deleteEntry.value), `${id}: DeleteAfterDays (${deleted}) must be at least ${MIN_COLD_DAYS} days after MoveToColdStorageAfterDays (${cold}); cold storage keeps backups 90 days`);
        }
      }
    }
  },
};
