import type { Range as LspRange } from 'vscode-languageserver-types';
import type { Range } from '../../../runtime/common/diagnostics';

/** Runtime ranges are LSP-shaped already (0-based); this keeps the conversion in one place. */
export function toLspRange(range: Range): LspRange {
  return { start: { ...range.start }, end: { ...range.end } };
}
