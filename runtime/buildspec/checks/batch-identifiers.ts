import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { batchBuilds } from './batch-builds';

/** Batch build identifiers name builds in reports and `depend-on`: each must be unique (EB104). */
export function checkBatchIdentifiers(parsed: ParsedDocument): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const build of batchBuilds(parsed.doc.contents, parsed.lines)) {
    const line = seen.get(build.identifier);
    if (line === undefined) {
      seen.set(build.identifier, build.range.start.line);
      continue;
    }
    out.push({ range: build.range, severity: 'error', code: 'EB104', message: `batch build identifier "${build.identifier}" is already used on line ${line + 1}; identifiers must be unique` });
  }
  return out;
}
