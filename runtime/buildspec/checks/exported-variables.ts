import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { entries, mapAt, seqAt, textOf, isScalar } from '../../common/yaml/nodes';
import { rangeOf } from '../../common/yaml/ranges';

/** Variables CodeBuild sets itself; exporting them needs no assignment in the buildspec. */
const PROVIDED = /^(CODEBUILD_[A-Z0-9_]+|AWS_DEFAULT_REGION|AWS_REGION|HOME|PATH|PWD|USER|HOSTNAME)$/;

/**
 * Every name in `env.exported-variables` should get a value: from `env.variables`,
 * `parameter-store`, `secrets-manager`, a batch build's variables, or an assignment in
 * a command. Otherwise the pipeline reads an empty value (WB103, a warning because a
 * script the buildspec runs may set it).
 */
export function checkExportedVariables(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  const env = mapAt(root, 'env');
  const exported = seqAt(env, 'exported-variables');
  if (!exported) return [];
  const declared = new Set<string>();
  for (const section of ['variables', 'parameter-store', 'secrets-manager']) for (const e of entries(mapAt(env, section))) declared.add(e.key);
  const batch = mapAt(root, 'batch');
  for (const list of ['build-list', 'build-graph']) {
    for (const build of seqAt(batch, list)?.items ?? []) for (const e of entries(mapAt(mapAt(build, 'env'), 'variables'))) declared.add(e.key);
  }
  const script = commandsText(root);
  const out: Diagnostic[] = [];
  for (const item of exported.items) {
    const name = textOf(item);
    if (!name || declared.has(name) || PROVIDED.test(name) || isAssigned(name, script)) continue;
    out.push({
      range: rangeOf(item, parsed.lines),
      severity: 'warning',
      code: 'WB103',
      message: `exported variable "${name}" is never set: add it to env.variables or assign it in a command (export ${name}=...)`,
    });
  }
  return out;
}

/** Every command and finally line of every phase, joined. */
function commandsText(root: unknown): string {
  const lines: string[] = [];
  for (const phase of entries(mapAt(root, 'phases'))) {
    for (const list of ['commands', 'finally']) {
      for (const item of seqAt(phase.value, list)?.items ?? []) {
        const text = isScalar(item) ? String(item.value ?? '') : '';
        lines.push(text);
      }
    }
  }
  return lines.join('\n');
}

/** Whether a shell (sh, PowerShell or cmd) assignment of `name` appears in the commands. */
export function isAssigned(name: string, script: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [
    new RegExp(`(^|[\\s;&|(\`])${n}=`, 'm'), // NAME=value, export NAME=value, declare -x NAME=value
    new RegExp(`(^|[\\s;&|(])export\\s+(-\\w+\\s+)*([A-Za-z_][A-Za-z0-9_]*\\s+)*${n}(\\s|;|$)`, 'm'), // export NAME
    new RegExp(`(^|[\\s;&|(])(read|for)\\s+(-\\w+\\s+)*${n}(\\s|;|$)`, 'm'),
    new RegExp(`\\$env:${n}\\s*=`, 'im'), // PowerShell
    new RegExp(`(^|[\\s&|(])set\\s+"?${n}=`, 'im'), // cmd
  ];
  return patterns.some((p) => p.test(script));
}
