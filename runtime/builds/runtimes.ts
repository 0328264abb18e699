import { spawn } from 'node:child_process';

/** How to ask the machine for each runtime CodeBuild's runtime-versions names. */
const PROBES: Record<string, { command: string; args: string[]; tool: string }> = {
  nodejs: { command: 'node', args: ['--version'], tool: 'node' },
  python: { command: 'python3', args: ['--version'], tool: 'python3' },
  java: { command: 'java', args: ['-version'], tool: 'java' },
  golang: { command: 'go', args: ['version'], tool: 'go' },
  ruby: { command: 'ruby', args: ['--version'], tool: 'ruby' },
  php: { command: 'php', args: ['--version'], tool: 'php' },
  dotnet: { command: 'dotnet', args: ['--version'], tool: 'dotnet' },
};

function probe(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out : undefined));
  });
}

/** The first dotted version number in a tool's output. */
export function versionIn(output: string): string | undefined {
  return /(\d+(?:\.\d+)+|\d+)/.exec(output.replace(/^[^\d]*?(?=\d)/, ''))?.[1];
}

/** `corretto17` → `17`, `3.11` → `3.11`, `latest` → undefined (anything goes). */
export function requestedVersion(requested: string): string | undefined {
  if (/^latest$/i.test(requested)) return undefined;
  return /(\d+(?:\.\d+)*)/.exec(requested)?.[1];
}

/** True when the installed version starts with every component the request names. */
export function versionMatches(requested: string, installed: string): boolean {
  const want = requestedVersion(requested);
  if (!want) return true;
  const have = installed.split('.');
  const wantParts = want.split('.');
  // Java 8 reports itself as 1.8.
  if (have[0] === '1' && wantParts[0] !== '1' && have.length > 1) have.shift();
  return wantParts.every((part, i) => have[i] === part);
}

/**
 * Checks install.runtime-versions against the tools on this machine. Slipway does not
 * install runtimes; a mismatch is a warning that names both versions.
 */
export async function checkRuntimeVersions(requested: Record<string, string>): Promise<string[]> {
  const warnings = await Promise.all(
    Object.entries(requested).map(async ([runtime, version]): Promise<string | undefined> => {
      const probeSpec = PROBES[runtime];
      if (!probeSpec) return `runtime-versions: ${runtime} ${version} is not a runtime Slipway can check (${Object.keys(PROBES).join(', ')})`;
      const output = await probe(probeSpec.command, probeSpec.args);
      if (output === undefined) return `runtime-versions: ${runtime} ${version} requested, but ${probeSpec.tool} is not on this machine's PATH`;
      const installed = versionIn(output);
      if (!installed) return `runtime-versions: ${runtime} ${version} requested, but ${probeSpec.tool} did not report a version`;
      if (!versionMatches(String(version), installed)) return `runtime-versions: ${runtime} ${version} requested, but this machine has ${probeSpec.tool} ${installed}`;
      return undefined;
    }),
  );
  return warnings.filter((w): w is string => !!w);
}
