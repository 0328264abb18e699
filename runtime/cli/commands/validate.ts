import * as path from 'node:path';
import { DOCUMENT_KINDS, type DocumentKind } from '../../common/kind';
import { isRuleIgnored, type FileDiagnostic } from '../../common/diagnostics';
import { collectFiles, validateFile, withFile } from '../../validate';
import { parse } from '../args';
import { EXIT, UsageError, type CliCommand, type CliContext } from '../context';
import { toSarif } from '../sarif';

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
      const relative = path.relative(ctx.cwd, file);
      const display = !relative || relative.startsWith('..') ? file : relative;
      const diagnostics = validateFile(file, display, kind);
      results.push(...withFile(display, diagnostics.filter((d) => !isRuleIgnored(d.code, ignored))));
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
