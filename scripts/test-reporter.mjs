// A node:test reporter for people: one line per finished test file, then each failing test
// with its file, line and first assertion message, the slowest files, node's own summary
// lines (`# tests N`, `# pass N`, `# fail N`, …) and `<layer>: N passed, N failed (T s)`.
// It also writes that summary as JSON to $SLIPWAY_TEST_SUMMARY for scripts/test-all.mjs.
// The full TAP goes to a file beside it (scripts/run-tests.mjs sets both).
import * as fs from 'node:fs';
import * as path from 'node:path';

const LAYER = process.env.SLIPWAY_TEST_LAYER || 'tests';
const SUMMARY = process.env.SLIPWAY_TEST_SUMMARY;
const SLOWEST = 10;
const relative = (file) => (file ? path.relative(process.cwd(), file) : '');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The first lines of a failure's message: what the assertion said, not node's wrapper. */
function firstMessage(error) {
  const cause = error?.cause ?? error;
  const text = String(cause?.message ?? cause ?? 'failed');
  return text.split('\n').filter((line) => line.trim() !== '').slice(0, 4).join('\n');
}

/** What a file that did not run printed, without the stack frames. */
function stderrSummary(stderr) {
  const lines = stderr.split('\n').filter((line) => /\S/.test(line) && !/^\s+at /.test(line));
  const error = lines.findIndex((line) => /^\s*(\w*Error|Uncaught)\b/.test(line));
  return lines.slice(Math.max(0, error), Math.max(0, error) + 4).join('\n');
}

export default async function* humanReporter(source) {
  // file → { ms, stderr }. Per-file test counts are not kept: node reports a file's tests
  // after the file has finished when another file was reporting, so they would be wrong.
  const files = new Map();
  const failures = [];
  const diagnostics = [];
  const fileOf = (file) => {
    if (!files.has(file)) files.set(file, { ms: 0, stderr: '' });
    return files.get(file);
  };
  for await (const { type, data } of source) {
    if (type === 'test:stderr' && data.file) {
      const entry = fileOf(data.file);
      if (entry.stderr.length < 4000) entry.stderr += data.message;
    } else if (type === 'test:complete' && data.file && data.name === data.file) {
      // The file's own pseudo-test: its wall time, and whether the process ended well.
      const entry = fileOf(data.file);
      entry.ms = data.details.duration_ms;
      const mark = data.details.passed ? 'ok' : 'FAILED';
      yield `${mark.padEnd(6)} ${relative(data.file)} (${seconds(entry.ms)})\n`;
    } else if (type === 'test:fail' && data.file) {
      const error = data.details.error;
      // A suite that failed because its tests did is not a failure of its own.
      if (error?.failureType === 'subtestsFailed') continue;
      const entry = fileOf(data.file);
      if (data.name === data.file) {
        // The file itself failed (it did not load, or its process died): what it printed says
        // why, read at the end because node may report its output after its failure.
        failures.push({ file: relative(data.file), name: '(the file)', line: data.line, message: () => stderrSummary(entry.stderr) || firstMessage(error) });
      } else {
        failures.push({ file: relative(data.file), name: data.name, line: data.line, message: firstMessage(error) });
      }
    } else if (type === 'test:diagnostic' && data.nesting === 0 && !data.file) {
      diagnostics.push(data.message);
    }
  }

  const count = (name) => Number(diagnostics.find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const ms = count('duration_ms');
  for (const failure of failures) if (typeof failure.message === 'function') failure.message = failure.message();
  if (failures.length > 0) {
    yield `\n${failures.length} failing:\n`;
    for (const failure of failures) {
      yield `  ✖ ${failure.file}${failure.line ? `:${failure.line}` : ''} — ${failure.name}\n`;
      yield `${failure.message.replace(/^/gm, '      ')}\n`;
    }
  }
  const slowest = [...files.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, SLOWEST);
  yield `\nslowest ${slowest.length} files:\n`;
  for (const [file, entry] of slowest) yield `  ${seconds(entry.ms).padStart(8)}  ${relative(file)}\n`;
  yield '\n';
  for (const line of diagnostics) yield `# ${line}\n`;
  const fileSeconds = Object.fromEntries([...files.entries()].map(([file, entry]) => [relative(file), Math.round(entry.ms / 100) / 10]));
  const summary = { layer: LAYER, passed, failed, skipped: count('skipped') + count('todo'), seconds: Math.round(ms / 1000), failures, files: fileSeconds };
  if (SUMMARY) {
    fs.mkdirSync(path.dirname(SUMMARY), { recursive: true });
    fs.writeFileSync(SUMMARY, JSON.stringify(summary, null, 2));
  }
  const skipped = count('skipped') + count('todo');
  yield `${LAYER}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${summary.seconds} s)\n`;
}
