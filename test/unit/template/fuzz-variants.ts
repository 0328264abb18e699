import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusDir } from '../../../bench/corpus';
import { seededRandom } from '../seeded-random';

// Mutated variants of the cfn-lint corpus templates (deleted lines, swapped tokens,
// truncation, random bytes, deep nesting, duplicated blocks), shared by the fuzz test
// (nothing may throw) and bench/cfn-fuzz.ts (how long the slowest request takes).
// FUZZ_SEED replays a run.

const CORPUS = corpusDir('cfn-lint', 'templates');
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const { random, pick } = seededRandom(FUZZ_SEED);

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const MUTATIONS: Array<(text: string) => string> = [
  (text) => {
    const lines = text.split('\n');
    lines.splice(Math.floor(random() * lines.length), 1 + Math.floor(random() * 3));
    return lines.join('\n');
  },
  (text) => text.slice(0, Math.floor(random() * text.length)),
  (text) => {
    const tokens = text.split(/(\s+)/);
    const a = Math.floor(random() * tokens.length);
    const b = Math.floor(random() * tokens.length);
    [tokens[a], tokens[b]] = [tokens[b], tokens[a]];
    return tokens.join('');
  },
  (text) => {
    const at = Math.floor(random() * text.length);
    const junk = Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
    return text.slice(0, at) + junk + text.slice(at);
  },
  (text) => {
    const at = text.indexOf('Properties:');
    const depth = 50 + Math.floor(random() * 400);
    const nested = pick(['!If [C, ', '[', '{a: ', '!Sub [', '- ']).repeat(depth);
    return at < 0 ? nested + text : text.slice(0, at) + `Properties: ${nested}\n` + text.slice(at + 11);
  },
  (text) => text.replace(/!(Ref|GetAtt|Sub|If|Join|Select|FindInMap)\b/g, () => pick(['!Ref', '!GetAtt', '!Sub', '!If', '!Join', '!Select', '!FindInMap', '!Condition', '!Base64'])),
  (text) => text.replace(/:\s/g, () => (random() < 0.05 ? '  ' : ': ')),
  (text) => {
    const lines = text.split('\n');
    const at = Math.floor(random() * lines.length);
    return [...lines.slice(0, at), ...lines.slice(at, at + 10), ...lines.slice(at)].join('\n');
  },
];

export interface Variant {
  /** `fuzz.yaml` or `fuzz.json`, after the source's format. */
  name: string;
  text: string;
  /** Where the variant came from, to replay it. */
  context: string;
  /** A random offset in the text for the position-based language features. */
  offset: number;
}

export function* templateVariants(count: number): Generator<Variant> {
  const files = templates(CORPUS).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  if (files.length < 100) throw new Error(`only ${files.length} templates in ${CORPUS}`);
  for (let i = 0; i < count; i++) {
    const source = pick(files);
    let text = source.text;
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) text = pick(MUTATIONS)(text);
    const name = source.file.endsWith('.json') ? 'fuzz.json' : 'fuzz.yaml';
    yield { name, text, context: `variant ${i} of ${path.relative(CORPUS, source.file)} (FUZZ_SEED=${FUZZ_SEED})`, offset: Math.floor(random() * (text.length + 1)) };
  }
}
