import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCUMENT_KINDS, detectKind, type DocumentKind } from '../../common/kind';
import type { FileDiagnostic } from '../../common/diagnostics';
import { validateText, withFile } from '../../validate';
import { parse } from '../args';
import { EXIT, UsageError, type CliCommand, type CliContext } from '../context';
import { toSarif } from '../sarif';

const SKIP_DIRS = new Set(['node_modules', '.git', '.slipway', 'dist', 'out', '.vscode-test']);
const CANDIDATE = /\.(ya?ml|json|template)$/i;

/** Files under the given paths that Slipway recognises (a named file is always taken). */
export function collectFiles(inputs: string[], cwd: string, kind: DocumentKind | undefined): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && CANDIDATE.test(entry.name)) {
        if (kind) files.push(full);
        else {
          const text = fs.readFileSync(full, 'utf8');
          if (detectKind(full, text)) files.push(full);
        }
      }
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`${input}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(full);
    else files.push(full);
  }
  return files;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check templates, buildspecs, appspecs and pipeline declarations',
  usage: 'slipway validate PATH... [--format text|json|sarif] [--kind template|buildspec|appspec|pipeline] [--ignore-checks ID,...]',
  async run(argv: string[], ctx: CliContext): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        format: { type: 'string', default: 'text' },
        kind: { type: 'string' },
        'ignore-checks': { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
      'validate',
    );
    const format = values.json ? 'json' : values.format!;
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
    const kind = values.kind as DocumentKind | undefined;
    if (kind && !DOCUMENT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${DOCUMENT_KINDS.join(', ')}, not "${kind}"`);
    if (positionals.length === 0) throw new UsageError(`usage: ${this.usage}`);
    const ignored = new Set((values['ignore-checks'] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));

    const results: FileDiagnostic[] = [];
    const files = collectFiles(positionals, ctx.cwd, kind);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const relative = path.relative(ctx.cwd, file);
      const display = !relative || relative.startsWith('..') ? file : relative;
      const { diagnostics } = validateText(display, text, kind);
      results.push(...withFile(display, diagnostics.filter((d) => !isIgnored(d.code, ignored))));
    }
    const errors = results.filter((d) => d.severity === 'error').length;
    if (format === 'json') {
      ctx.io.stdout(JSON.stringify(results.map(toCliRecord), null, 2) + '\n');
    } else if (format === 'sarif') {
      ctx.io.stdout(JSON.stringify(toSarif(results), null, 2) + '\n');
    } else {
      for (const d of results) {
        const r = toCliRecord(d);
        ctx.io.stdout(`${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}\n`);
      }
      const warnings = results.length - errors;
      ctx.io.stderr(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} other finding${warnings === 1 ? '' : 's'}\n`);
    }
    return errors > 0 ? EXIT.failed : EXIT.ok;
  },
};

/** A rule id is ignored when listed exactly or by a prefix ("W" ignores every warning rule, "E30" a family). */
function isIgnored(code: string, ignored: Set<string>): boolean {
  for (const id of ignored) if (code === id || code.startsWith(id)) return true;
  return false;
}

export function toCliRecord(d: FileDiagnostic) {
  return {
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}
