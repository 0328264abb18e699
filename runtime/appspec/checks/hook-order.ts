import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { rangeOf } from '../../common/yaml/ranges';
import { hooksOf, LIFECYCLE, platformOf } from './platform';

/**
 * Hooks run in lifecycle order, not in the order they are written; a file that lists
 * them otherwise reads as if they ran differently (IA102, information only).
 */
export function checkHookOrder(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  const order = LIFECYCLE[platformOf(root)];
  let last: { name: string; index: number } | undefined;
  const out: Diagnostic[] = [];
  for (const hook of hooksOf(root)) {
    const index = order.indexOf(hook.name);
    if (index < 0) continue;
    if (last && index < last.index) {
      out.push({
        range: rangeOf(hook.keyNode, parsed.lines),
        severity: 'info',
        code: 'IA102',
        message: `"${hook.name}" runs before "${last.name}" whatever the order in the file (lifecycle order: ${order.join(' → ')})`,
      });
    }
    if (!last || index > last.index) last = { name: hook.name, index };
  }
  return out;
}
