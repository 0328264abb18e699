import type { Diagnostic } from '../../common/diagnostics';
import type { ParsedDocument } from '../../common/yaml/document';
import { suggest as didYouMean } from '../../schema/suggest';
import { rangeOf } from '../../common/yaml/ranges';
import { hooksOf, LIFECYCLE, PLATFORM_NAMES, platformOf, RESERVED_SERVER_EVENTS, type AppspecPlatform } from './platform';

/**
 * Hook names must be lifecycle events of the file's platform (EA101). On EC2/on-premises
 * the agent also runs custom events a deployment names, so an unknown name there is a
 * warning (WA101) unless it is another platform's event or one CodeDeploy reserves.
 */
export function checkHookNames(parsed: ParsedDocument): Diagnostic[] {
  const root = parsed.doc.contents;
  const platform = platformOf(root);
  const allowed = LIFECYCLE[platform];
  const out: Diagnostic[] = [];
  for (const hook of hooksOf(root)) {
    if (allowed.includes(hook.name)) continue;
    const range = rangeOf(hook.keyNode, parsed.lines);
    const suggestion = didYouMean(hook.name, allowed);
    const fix = suggestion ? { data: { replacement: suggestion } } : {};
    const hint = suggestion ? `; did you mean "${suggestion}"?` : `; ${PLATFORM_NAMES[platform]} hooks are ${allowed.join(', ')}`;
    if (platform === 'server' && RESERVED_SERVER_EVENTS.includes(hook.name)) {
      out.push({ range, severity: 'error', code: 'EA101', message: `"${hook.name}" is run by CodeDeploy itself and cannot have scripts${hint}`, ...fix });
      continue;
    }
    const owner = (Object.keys(LIFECYCLE) as AppspecPlatform[]).find((p) => p !== platform && LIFECYCLE[p].includes(hook.name));
    if (owner) {
      out.push({ range, severity: 'error', code: 'EA101', message: `"${hook.name}" is a ${PLATFORM_NAMES[owner]} lifecycle event, not an ${PLATFORM_NAMES[platform]} one${hint}`, ...fix });
    } else if (platform === 'server' && !suggestion) {
      out.push({ range, severity: 'warning', code: 'WA101', message: `"${hook.name}" is not a standard lifecycle event: its scripts run only in deployments that name it as a custom event` });
    } else {
      out.push({ range, severity: platform === 'server' ? 'warning' : 'error', code: platform === 'server' ? 'WA101' : 'EA101', message: `"${hook.name}" is not a ${PLATFORM_NAMES[platform]} lifecycle event${hint}`, ...fix });
    }
  }
  return out;
}
