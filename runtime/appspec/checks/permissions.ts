import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { pairOf, scalarAt, seqAt, textOf, isMap } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

const ACL = /^(d:)?(u|user|g|group|m|mask|o|other):[^:]*:[rwx-]{1,3}$/;

/**
 * `permissions` entries are well formed (EA107): Linux only, an absolute `object`,
 * an octal `mode` of 3 or 4 digits, ACL entries as `[d:]u|g|m|o:[name]:rwx`.
 */
export function checkPermissions(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  const permissions = seqAt(root, 'permissions');
  if (!permissions) return [];
  const out: Diagnostic[] = [];
  const report = (node: unknown, message: string) => out.push({ range: rangeOf(node, parsed.lines), severity: 'error', code: 'EA107', message });
  if (scalarAt(root, 'os') === 'windows') report(isMap(root) ? pairOf(root, 'permissions')?.key : permissions, 'permissions apply to Linux instances only; CodeDeploy ignores them on Windows');
  for (const entry of permissions.items) {
    if (!isMap(entry)) continue;
    const object = pairOf(entry, 'object');
    const path = textOf(object?.value);
    if (object && path !== undefined && !path.startsWith('/')) report(object.value, `object "${path}" must be an absolute path on the instance`);
    const mode = pairOf(entry, 'mode');
    const modeText = textOf(mode?.value);
    if (mode && modeText !== undefined && !/^[0-7]{3,4}$/.test(modeText)) report(mode.value, `mode "${modeText}" must be 3 or 4 octal digits, such as 644 or 4755`);
    for (const acl of seqAt(entry, 'acls')?.items ?? []) {
      const text = textOf(acl);
      if (text !== undefined && !ACL.test(text)) report(acl, `ACL entry "${text}" must look like u:user:rwx, g:group:rx, m::rw, o::r (d: prefix for defaults)`);
    }
  }
  return out;
}
