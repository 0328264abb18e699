import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { parseFast } from '../../../runtime/common/yaml/fast-parse';
import { CFN_SHORT_TAGS } from '../../../runtime/common/cfn-tags';
import { corpusDir } from '../../../bench/corpus';
import { seededRandom } from '../seeded-random';

// The fast parser must build exactly what `yaml` builds (values, tags, scalar styles and the
// start/end offsets every range comes from) or decline. These tests compare the two on the
// whole shared corpus and on thousands of mutated variants of it.

/** One line per node: what the checks and language features read from it. */
function outline(node: unknown, out: string[] = [], at = ''): string[] {
  if (YAML.isMap(node) || YAML.isSeq(node)) {
    out.push(`${at} ${YAML.isMap(node) ? 'map' : 'seq'} tag=${node.tag ?? ''} ${node.range?.[0]}-${node.range?.[1]} flow=${!!node.flow}`);
    node.items.forEach((item: unknown, i: number) => {
      if (YAML.isPair(item)) {
        outline(item.key, out, `${at}/${i}:key`);
        outline(item.value, out, `${at}/${i}:value`);
      } else outline(item, out, `${at}/${i}`);
    });
  } else if (YAML.isScalar(node)) {
    const value = Object.is(node.value, NaN) ? 'NaN' : typeof node.value === 'number' && !Number.isFinite(node.value) ? String(node.value) : JSON.stringify(node.value);
    out.push(`${at} scalar tag=${node.tag ?? ''} ${node.type} ${typeof node.value} ${value} ${node.range?.[0]}-${node.range?.[1]}`);
  } else out.push(`${at} ${String(node)}`);
  return out;
}

/** `yaml`'s verdict: a tree, or undefined when it reports anything beyond the CloudFormation tags. */
function reference(text: string): string[] | undefined {
  const doc = YAML.parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  const clean = doc.errors.length === 0 && doc.warnings.every((w) => w.code === 'TAG_RESOLVE_FAILED' && (/Unresolved tag: (\S+)/.exec(w.message)?.[1] ?? '') in CFN_SHORT_TAGS);
  return clean ? outline(doc.contents) : undefined;
}

function corpusFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return corpusFiles(full);
    return /\.(ya?ml|json|template)$/i.test(e.name) ? [full] : [];
  });
}

const texts = corpusFiles(corpusDir()).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

test('builds the same tree as yaml for every corpus file it takes, and takes nearly all of them', () => {
  let taken = 0;
  for (const { file, text } of texts) {
    const fast = parseFast(text);
    if (!fast) continue;
    taken++;
    assert.deepEqual(outline(fast), reference(text), file);
  }
  assert.ok(taken >= texts.length * 0.9, `the fast path took only ${taken} of ${texts.length} corpus files`);
});

test('takes the corpus with Windows line endings too, with the same values and offsets as yaml', () => {
  let taken = 0;
  for (const { file, text } of texts) {
    const windows = crlf(text);
    const fast = parseFast(windows);
    if (!fast) continue;
    taken++;
    assert.deepEqual(outline(fast), reference(windows), `${file} with CRLF`);
  }
  assert.ok(taken >= texts.length * 0.9, `the fast path took only ${taken} of ${texts.length} corpus files with CRLF`);
});

const { random, pick } = seededRandom(Number(process.env.FUZZ_SEED ?? 7));
const TOKENS = [':', ': ', '- ', '-', '#', ' #x', '[', ']', '{', '}', ',', '!Ref ', '!Sub', '!If', '|', '>', '|-\n', '"', "'", ' ', '\n', '\n  ', '? ', '&a ', '*a', '~', '0x1F', '0o17', '1e3', '.5', '-.inf', 'true', 'null', '\\', '\t', '\r', '---\n', '...', '%', '@', '!Foo ', '"\\u00e9"', "'it''s'"];

function mutate(text: string): string {
  const lines = text.split('\n');
  const i = Math.floor(random() * lines.length);
  const line = lines[i];
  const at = Math.floor(random() * (line.length + 1));
  switch (Math.floor(random() * 8)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, pick(lines));
      break;
    case 2:
      lines[i] = ' ' + line;
      break;
    case 3:
      lines[i] = line.replace(/^ {1,2}/, '');
      break;
    case 4:
      lines[i] = line.slice(0, at) + pick(TOKENS) + line.slice(at);
      break;
    case 5:
      lines[i] = line.slice(0, at) + line.slice(at + 1 + Math.floor(random() * 3));
      break;
    case 6:
      return crlf(text);
    default:
      return text.slice(0, Math.floor(random() * text.length));
  }
  return lines.join('\n');
}

test('on mutated corpus files it either declines or agrees with yaml', () => {
  const variants = Number(process.env.FUZZ_VARIANTS ?? 3000);
  let taken = 0;
  for (let n = 0; n < variants; n++) {
    let text = pick(texts).text;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) text = mutate(text);
    const fast = parseFast(text);
    if (!fast) continue;
    taken++;
    const expected = reference(text);
    assert.ok(expected, `the fast parser accepted a document yaml reports errors in:\n${text}`);
    assert.deepEqual(outline(fast), expected, text);
  }
  assert.ok(taken > variants / 5, `only ${taken} of ${variants} variants took the fast path`);
});

test('resolves plain scalars by the YAML 1.2 core schema', () => {
  const text = 'a: ~\nb: null\nc: True\nd: FALSE\ne: 012\nf: 0x1F\ng: 0o17\nh: -1.50\ni: 1e3\nj: .inf\nk: -.Inf\nl: .NaN\nm: 1.2.3\nn: yes\no:\n';
  const doc = parseFast(text) as YAML.YAMLMap;
  const values = Object.fromEntries(doc.items.map((p) => [String((p.key as YAML.Scalar).value), (p.value as YAML.Scalar).value]));
  assert.deepEqual(values, { a: null, b: null, c: true, d: false, e: 12, f: 31, g: 15, h: -1.5, i: 1000, j: Infinity, k: -Infinity, l: NaN, m: '1.2.3', n: 'yes', o: null });
  assert.deepEqual(outline(doc), reference(text));
});

test('keeps CloudFormation tags, block scalars, escapes and trailing comments as yaml does', () => {
  const cases = [
    'Value: !Sub |\n  line ${A}\n  two\n\nNext: !GetAtt [A, B]\n',
    'Folded: >-\n  one\n  two\n\n  three\n# end\n',
    'S: "tab\\there \\u00e9 \\x41"\nT: \'it\'\'s\'\n',
    'A:\n  B:\n    - x\n    # four\n  # two\nZ: 1\n',
    'A:\n  B:\n  # under an empty value\nZ: [1, {k: v}, !Ref C]\n',
    '{"json": [1, 2.5, true, null], "nested": {"k": "v"}}',
    '---\nKey:\n- compact\n- seq: at the key indent\n  more: 1\n',
  ];
  for (const text of cases) assert.deepEqual(outline(parseFast(text)), reference(text), text);
});

test('declines what it does not handle, so yaml reports or resolves it', () => {
  const declined = [
    'a: &x 1\nb: *x\n', // anchors and aliases
    '? complex\n: key\n',
    'a:\n\tb: 1\n', // tabs in indentation
    'a: 1\rb: 2\r', // lone carriage returns
    'a: this plain scalar\n  goes on\n',
    'a: "quoted\n  over lines"\n',
    'a: !Custom x\n', // a tag yaml would warn about
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n---\nb: 2\n',
    'a: b: c\n',
    'a: [1, 2\n',
    'a: |+\n  keep\n\n',
    '',
  ];
  for (const text of declined) assert.equal(parseFast(text), undefined, JSON.stringify(text));
});
