// How long validation and each language feature take on mutated corpus templates (the
// fuzz test's variants: deleted lines, swapped tokens, truncation, random bytes, deep
// nesting): p50, p99 and the slowest, against a bound of BOUND_MS per request. CPU time of
// this process, so other load on the machine does not count.
// Run: node bench/bundled.mjs bench/cfn-fuzz.ts [variants]   (FUZZ_SEED replays a run)
import { TextDocument } from 'vscode-languageserver-textdocument';
import '../runtime/checks';
import { validateText } from '../runtime/validate';
import type { FeatureRequest } from '../server/features';
import { templateFeatures } from '../server/services/template';
import { templateVariants } from '../test/unit/template/fuzz-variants';

const VARIANTS = Number(process.argv[2] ?? 3000);
/** A request that takes longer than this is a finding: the editor would stall on it. */
const BOUND_MS = 100;

function cpu(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const times = new Map<string, number[]>();
let slowest = { ms: 0, what: '' };
const record = (kind: string, context: string, ms: number) => {
  if (!times.has(kind)) times.set(kind, []);
  times.get(kind)!.push(ms);
  if (ms > slowest.ms) slowest = { ms, what: `${kind} on ${context}` };
};

// The first validation loads the spec index and the first hover the documentation: one-time
// costs, printed apart from the per-request figures.
{
  const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b\n';
  let result!: ReturnType<typeof validateText>;
  const first = cpu(() => (result = validateText('warm.yaml', text, 'template')));
  const document = TextDocument.create('file:///warm.yaml', 'yaml', 1, text);
  const offset = text.indexOf('BucketName');
  const request: FeatureRequest = { document, analysis: { ...result, uri: document.uri, version: 1, file: 'warm.yaml' }, position: document.positionAt(offset), offset };
  const hover = cpu(() => templateFeatures.hover!(request));
  console.log(`one-time: first validation (spec index) ${first.toFixed(0)} ms, first hover (documentation index) ${hover.toFixed(0)} ms`);
}

for (const { name, text, context, offset } of templateVariants(VARIANTS)) {
  let result!: ReturnType<typeof validateText>;
  record('validate', context, cpu(() => (result = validateText(name, text, 'template'))));
  const document = TextDocument.create(`file:///${name}`, 'yaml', 1, text);
  const request: FeatureRequest = { document, analysis: { ...result, uri: document.uri, version: 1, file: name }, position: document.positionAt(offset), offset };
  const position = { start: request.position, end: request.position };
  record('completion', context, cpu(() => templateFeatures.completion!(request)));
  record('hover', context, cpu(() => templateFeatures.hover!(request)));
  record('definition', context, cpu(() => templateFeatures.definition!(request)));
  record('references', context, cpu(() => templateFeatures.references!(request, true)));
  record('symbols', context, cpu(() => templateFeatures.documentSymbols!(document, request.analysis)));
  record('code actions', context, cpu(() => templateFeatures.codeActions!(document, request.analysis, result.diagnostics, position)));
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
console.log(`${VARIANTS} mutated corpus templates (CPU ms per request; bound ${BOUND_MS} ms):`);
let over = 0;
for (const [kind, values] of times) {
  const beyond = values.filter((v) => v > BOUND_MS).length;
  over += beyond;
  console.log(`  ${kind.padEnd(13)} p50 ${percentile(values, 50).toFixed(2).padStart(6)}  p99 ${percentile(values, 99).toFixed(2).padStart(6)}  max ${Math.max(...values).toFixed(1).padStart(6)}  over bound ${beyond}`);
}
console.log(`slowest request: ${slowest.ms.toFixed(1)} ms, ${slowest.what}`);
console.log(over === 0 ? `every request within ${BOUND_MS} ms` : `${over} requests over ${BOUND_MS} ms`);
