import * as YAML from 'yaml';
import { CFN_SHORT_TAGS } from '../cfn-tags';
import { newMap, newPair, newScalar, newSeq } from './construct';
import { isCollection, isScalar } from './nodes';

/**
 * A fast parser for the subset of YAML that templates, buildspecs and pipelines are written
 * in (block and flow collections, plain, quoted and block scalars, CloudFormation short
 * tags, comments) and for JSON. It builds the same nodes, values and ranges as the `yaml`
 * package, about five times faster, which is what keeps diagnostics within a keystroke.
 *
 * It never decides that a document is broken: on anything outside the subset or anything
 * suspicious (anchors, aliases, complex keys, directives, multi-line plain or quoted
 * scalars, tabs, lone carriage returns, odd indentation, syntax errors) it returns
 * undefined and the caller
 * parses with `yaml`, whose errors and recovery the language features rely on.
 */
export function parseFast(text: string): YAML.Node | undefined {
  try {
    return new FastParser(text).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported('outside the fast subset');
function bail(): never {
  throw UNSUPPORTED;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const BANG = 33;
const PIPE = 124;
const GT = 62;

/** Characters that cannot start a plain scalar in block context (`-`, `?`, `:` are checked apart). */
const BLOCK_INDICATORS = new Set([LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, HASH, 38 /* & */, 42 /* * */, BANG, PIPE, GT, DQUOTE, SQUOTE, 37 /* % */, 64 /* @ */, 96 /* ` */]);
const FLOW_ENDS = new Set([COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE]);

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** An untagged plain scalar resolved by YAML 1.2's core schema, exactly as `yaml` does. */
function plainScalar(source: string, start: number, end: number): YAML.Scalar {
  const scalar = newScalar(source, 'PLAIN', source, start, end);
  if (source.length === 0) {
    scalar.value = null;
    return scalar;
  }
  const first = source.charCodeAt(0);
  // Words: only null and the booleans start with a letter; numbers start with a digit, a
  // sign or a dot. Most scalars are other words and skip the regular expressions.
  if (first === 126 /* ~ */ || first === 110 /* n */ || first === 78 /* N */) {
    if (NULL_RE.test(source)) scalar.value = null;
  } else if (first === 116 /* t */ || first === 84 /* T */ || first === 102 /* f */ || first === 70 /* F */) {
    if (BOOL_RE.test(source)) scalar.value = first === 116 || first === 84;
  } else if ((first >= 48 && first <= 57) || first === 43 /* + */ || first === DASH || first === 46 /* . */) {
    resolveNumber(scalar, source);
  }
  return scalar;
}

function resolveNumber(scalar: YAML.Scalar, source: string): void {
  if (OCT_RE.test(source)) {
    scalar.value = parseInt(source.substring(2), 8);
    scalar.format = 'OCT';
  } else if (INT_RE.test(source)) scalar.value = parseInt(source, 10);
  else if (HEX_RE.test(source)) {
    scalar.value = parseInt(source.substring(2), 16);
    scalar.format = 'HEX';
  } else if (NAN_RE.test(source)) {
    scalar.value = source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  } else if (EXP_RE.test(source)) {
    scalar.value = parseFloat(source);
    scalar.format = 'EXP';
  } else if (FLOAT_RE.test(source)) {
    scalar.value = parseFloat(source);
    const dot = source.indexOf('.');
    if (dot !== -1 && source[source.length - 1] === '0') scalar.minFractionDigits = source.length - dot - 1;
  }
}

/** A scalar under a CloudFormation tag: `yaml` cannot resolve the tag and keeps the text. */
function taggedScalar(value: string, type: YAML.Scalar.Type, tag: string, start: number, end: number): YAML.Scalar {
  const scalar = newScalar(value, type, value, start, end);
  scalar.tag = tag;
  return scalar;
}

/** Scalars and flow collections end in a token that absorbs comments indented past their collection. */
function endsWithScalarToken(node: YAML.Node): boolean {
  if (isScalar(node)) return node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
  return isCollection(node) && !!node.flow;
}


interface ContentLine {
  /** Offset of the first non-space character. */
  at: number;
  indent: number;
}

/** A comment-only line between two content lines (blank lines never move a range). */
interface TrailLine {
  indent: number;
  /** Offset just after the line's break. */
  end: number;
}

const NO_TRAIL: TrailLine[] = [];


class FastParser {
  private pos = 0;
  private readonly length: number;
  /** Comment lines skipped by the last peekContent (allocated only when there are some). */
  private trail: TrailLine[] = NO_TRAIL;
  /** The content line (offset) whose lower indentation is closing collections (see close). */
  private closingAt = -1;
  /** Comment lines not yet given to a collection while closing. */
  private pending: TrailLine[] = NO_TRAIL;

  constructor(private readonly src: string) {
    this.length = src.length;
  }

  document(): YAML.Node {
    const first = this.src.charCodeAt(0);
    if (first === 0xfeff) bail();
    let line = this.peekContent(true);
    if (!line) bail();
    if (this.startsMarker(line.at, '---')) {
      this.pos = line.at + 3;
      this.finishLine();
      line = this.peekContent();
      if (!line) bail();
    }
    this.pos = line.at;
    const root = this.nodeOnOwnLine(-1, undefined);
    if (this.peekContent()) bail();
    return root;
  }

  // ---- lines -------------------------------------------------------------------------

  private code(at: number): number {
    return this.src.charCodeAt(at);
  }

  /** True at a line break (LF or CRLF) or the end of the text; a lone CR sends the text to `yaml`. */
  private atEol(at: number): boolean {
    if (at >= this.length) return true;
    const c = this.code(at);
    if (c === CR) {
      if (this.code(at + 1) !== LF) bail();
      return true;
    }
    return c === LF;
  }

  /** The offset after the line break at `at` (LF or CRLF). */
  private afterBreak(at: number): number {
    return this.code(at) === CR ? at + 2 : at + 1;
  }

  private startsMarker(at: number, marker: string): boolean {
    if (at !== 0 && this.code(at - 1) !== LF) return false;
    if (!this.src.startsWith(marker, at)) return false;
    const after = this.code(at + 3);
    return at + 3 >= this.length || after === SPACE || after === LF || after === TAB || after === CR;
  }

  /**
   * From the start of a line, skips blank and comment-only lines and returns the next line
   * with content, without consuming it (this.pos stays where it was).
   */
  private peekContent(allowStartMarker = false): ContentLine | undefined {
    let at = this.pos;
    this.trail = NO_TRAIL;
    while (at < this.length) {
      let indent = 0;
      while (this.code(at) === SPACE) {
        at++;
        indent++;
      }
      const c = this.code(at);
      if (at >= this.length) return undefined;
      if (c === LF || (c === CR && this.code(at + 1) === LF)) {
        at = this.afterBreak(at);
        continue;
      }
      if (c === TAB || c === CR) bail();
      if (c === HASH) {
        const end = this.src.indexOf('\n', at);
        if (this.trail === NO_TRAIL) this.trail = [];
        this.trail.push({ indent, end: end < 0 ? this.length : end + 1 });
        if (end < 0) return undefined;
        at = end + 1;
        continue;
      }
      if ((!allowStartMarker && this.startsMarker(at, '---')) || this.startsMarker(at, '...')) bail();
      if (c === 37 /* % */ && indent === 0) bail();
      return { at, indent };
    }
    return undefined;
  }

  /** Skips spaces on this line; a tab (legal but rare as separation) goes to `yaml`. */
  private skipSpaces(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === TAB) bail();
      else return;
    }
  }

  /** Consumes the rest of the line, which may hold only spaces and a comment; returns the offset after it. */
  private finishLine(): number {
    const before = this.pos;
    this.skipSpaces();
    if (this.code(this.pos) === HASH) {
      if (this.pos === before && before > 0 && this.code(before - 1) !== SPACE) bail();
      const end = this.src.indexOf('\n', this.pos);
      this.pos = end < 0 ? this.length : end;
    }
    if (!this.atEol(this.pos)) bail();
    if (this.pos < this.length) this.pos = this.afterBreak(this.pos);
    return this.pos;
  }

  private lineStartOf(at: number): number {
    return this.src.lastIndexOf('\n', at - 1) + 1;
  }

  // ---- block structure -----------------------------------------------------------------

  /** A node that starts at this.pos, the first content of its own line. */
  private nodeOnOwnLine(parentIndent: number, tag: string | undefined): YAML.Node {
    const indent = this.pos - this.lineStartOf(this.pos);
    const c = this.code(this.pos);
    if (c === DASH && this.isSeparated(this.pos + 1)) return this.tagged(this.blockSeq(indent), tag);
    if (this.isKey(this.pos)) return this.tagged(this.blockMap(indent), tag);
    return this.inlineValue(parentIndent, tag);
  }

  private tagged<T extends YAML.Node>(node: T, tag: string | undefined): T {
    if (tag) node.tag = tag;
    return node;
  }

  /** A space, line break or end of text follows (what makes `-`, `:` and `?` indicators). */
  private isSeparated(at: number): boolean {
    if (at >= this.length) return true;
    const c = this.code(at);
    return c === SPACE || c === LF || c === TAB || c === CR;
  }

  /** Whether the line content at `at` is `key: …` (a plain or quoted single-line key). */
  private isKey(at: number): boolean {
    const c = this.code(at);
    if (c === DQUOTE || c === SQUOTE) {
      const end = this.quotedEnd(at);
      let after = end;
      while (this.code(after) === SPACE) after++;
      return this.code(after) === COLON && this.isSeparated(after + 1);
    }
    if (c === 63 /* ? */ && this.isSeparated(at + 1)) bail();
    if (BLOCK_INDICATORS.has(c) || ((c === DASH || c === COLON) && this.isSeparated(at + 1))) return false;
    for (let i = at; i < this.length; i++) {
      const d = this.code(i);
      if (d === LF) return false;
      if (d === COLON && this.isSeparated(i + 1)) return true;
      if (d === HASH && (this.code(i - 1) === SPACE || this.code(i - 1) === TAB)) return false;
    }
    return false;
  }

  private blockMap(indent: number): YAML.YAMLMap {
    const start = this.pos;
    const map = newMap(start);
    for (;;) {
      const key = this.key();
      const value = this.blockValue(indent, true);
      map.items.push(newPair(key, value));
      const next = this.peekContent();
      if (!next || next.indent < indent) return this.close(map, start, indent, value, next);
      if (next.indent > indent || !this.isKey(next.at)) bail();
      this.pos = next.at;
    }
  }

  /**
   * Ends a block collection before `next` (or the end of the text), giving it and its last
   * value the ranges `yaml` gives them, trailing comments included: comment lines indented
   * past the innermost collection extend its last scalar; the rest stay with the first
   * collection, closing from the inside out, that is not indented past all of them.
   */
  private close<T extends YAML.YAMLMap | YAML.YAMLSeq>(node: T, start: number, indent: number, last: YAML.Node, next: ContentLine | undefined): T {
    const at = next ? next.at : this.length;
    if (this.closingAt !== at) {
      // The innermost collection to close: comment lines indented past it extend its last value.
      this.closingAt = at;
      const lines = this.trail;
      let firstPending = 0;
      if (isScalar(last) && last.type === 'PLAIN' && last.range![0] === last.range![1]) {
        // An empty value takes every line up to the next content once any of them is a comment.
        if (last.range![2] !== last.range![0] || lines.length) last.range![2] = at;
        firstPending = lines.length;
      } else if (endsWithScalarToken(last)) {
        for (let i = 0; i < lines.length && lines[i].indent > indent; i++) {
          last.range![2] = lines[i].end;
          firstPending = i + 1;
        }
      }
      this.pending = firstPending === 0 ? lines : lines.slice(firstPending);
    }
    const end = last.range![2];
    node.range = [start, end, end];
    if (this.pending.length && indent !== 0 && this.pending.some((line) => line.indent >= indent)) {
      node.range[2] = at; // the next line's indentation belongs to the pending comments too
      this.pending = NO_TRAIL;
    }
    return node;
  }

  /** A map key at this.pos; leaves this.pos after the `:`. */
  private key(): YAML.Scalar {
    const start = this.pos;
    const c = this.code(start);
    let key: YAML.Scalar;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.quoted();
      this.skipSpaces();
    } else {
      let i = start;
      while (!(this.code(i) === COLON && this.isSeparated(i + 1))) i++;
      let last = i;
      while (last > start && (this.code(last - 1) === SPACE || this.code(last - 1) === TAB)) last--;
      key = plainScalar(this.src.slice(start, last), start, last);
      this.pos = i;
    }
    if (this.pos - start > 1000) bail(); // `yaml` refuses implicit keys over 1024 characters.
    if (this.code(this.pos) !== COLON) bail();
    this.pos++;
    return key;
  }

  private blockSeq(indent: number): YAML.YAMLSeq {
    const start = this.pos;
    const seq = newSeq(start);
    for (;;) {
      this.pos++; // the dash
      const item = this.seqItem(indent);
      seq.items.push(item);
      const next = this.peekContent();
      if (!next || next.indent < indent) return this.close(seq, start, indent, item, next);
      if (next.indent > indent) bail();
      if (!(this.code(next.at) === DASH && this.isSeparated(next.at + 1))) return this.close(seq, start, indent, item, next);
      this.pos = next.at;
    }
  }

  private seqItem(dashIndent: number): YAML.Node {
    this.skipSpaces();
    const at = this.pos;
    const c = this.code(at);
    if (!this.atEol(at) && c !== HASH) {
      const column = at - this.lineStartOf(at);
      if (c === DASH && this.isSeparated(at + 1)) return this.blockSeq(column);
      if (this.isKey(at)) return this.blockMap(column);
    }
    return this.blockValue(dashIndent, false);
  }

  /**
   * The value after `key:` or `- `, starting on this line. Nested block nodes must be
   * indented past `parentIndent`; a map value may also be a sequence at the key's indent.
   */
  private blockValue(parentIndent: number, isMapValue: boolean): YAML.Node {
    this.skipSpaces();
    let tag: string | undefined;
    if (this.code(this.pos) === BANG) {
      tag = this.tag();
      this.skipSpaces();
    }
    const c = this.code(this.pos);
    if (this.atEol(this.pos) || c === HASH) {
      const emptyAt = this.pos;
      const lineEnd = this.finishLine();
      const next = this.peekContent();
      if (next && (next.indent > parentIndent || (isMapValue && next.indent === parentIndent && this.code(next.at) === DASH && this.isSeparated(next.at + 1)))) {
        this.pos = next.at;
        if (this.code(next.at) === BANG) {
          if (tag) bail();
          tag = this.tag();
          this.skipSpaces();
          if (this.atEol(this.pos) || this.code(this.pos) === HASH) bail();
          return this.inlineValue(parentIndent, tag);
        }
        return this.nodeOnOwnLine(parentIndent, tag);
      }
      const empty = tag ? taggedScalar('', 'PLAIN', tag, emptyAt, emptyAt) : plainScalar('', emptyAt, emptyAt);
      // `yaml` ends an empty value at the line break unless a comment follows it.
      if (c === HASH) empty.range![2] = lineEnd;
      return empty;
    }
    return this.inlineValue(parentIndent, tag);
  }

  /** A scalar or flow collection that starts at this.pos (not at the end of a line). */
  private inlineValue(parentIndent: number, tag: string | undefined): YAML.Node {
    const c = this.code(this.pos);
    if (c === PIPE || c === GT) return this.blockScalar(parentIndent, tag);
    if (c === LBRACKET || c === LBRACE) {
      const node = this.tagged(this.flowCollection(parentIndent), tag);
      node.range![2] = this.finishLine();
      return node;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const node = this.quoted(tag);
      node.range![2] = this.finishLine();
      return node;
    }
    if (BLOCK_INDICATORS.has(c) || c === 63 /* ? */ || ((c === DASH || c === COLON) && this.isSeparated(this.pos + 1))) bail();
    const start = this.pos;
    let end = start;
    let i = start;
    for (; i < this.length; i++) {
      const d = this.code(i);
      if (d === LF || d === CR) break;
      if (d === HASH && (this.code(i - 1) === SPACE || this.code(i - 1) === TAB)) break;
      if (d === COLON && this.isSeparated(i + 1)) bail(); // `a: b: c` — a nested map on one line
      if (d !== SPACE && d !== TAB) end = i + 1;
    }
    const source = this.src.slice(start, end);
    const node = tag ? taggedScalar(source, 'PLAIN', tag, start, end) : plainScalar(source, start, end);
    this.pos = end;
    node.range![2] = this.finishLine();
    // A more indented line after a plain scalar continues it (multi-line plain scalar).
    const next = this.peekContent();
    if (next && next.indent > parentIndent) bail();
    return node;
  }

  private tag(): string {
    const start = this.pos;
    while (this.pos < this.length && !this.isSeparated(this.pos) && !FLOW_ENDS.has(this.code(this.pos))) this.pos++;
    const tag = this.src.slice(start, this.pos);
    if (!(tag in CFN_SHORT_TAGS)) bail();
    // `!Sub{` is an error for `yaml`; only `!If]` / `!Ref,` may end at a flow indicator.
    const next = this.code(this.pos);
    if (!this.isSeparated(this.pos) && next !== COMMA && next !== RBRACKET && next !== RBRACE) bail();
    return tag;
  }

  /** `|` and `>` scalars with clip or strip chomping and an auto-detected indentation. */
  private blockScalar(parentIndent: number, tag: string | undefined): YAML.Scalar {
    const start = this.pos;
    const folded = this.code(start) === GT;
    this.pos++;
    let strip = false;
    if (this.code(this.pos) === DASH) {
      strip = true;
      this.pos++;
    }
    if (!this.isSeparated(this.pos) && this.code(this.pos) !== HASH) bail(); // keep chomping, explicit indentation
    this.finishLine();
    const lines: string[] = [];
    let contentIndent = -1;
    let end = this.pos;
    let at = this.pos;
    while (at < this.length) {
      let lineEnd = this.src.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = this.length;
      const next = lineEnd + 1;
      if (lineEnd > at && this.code(lineEnd - 1) === CR) lineEnd--; // CRLF: the value has LF only
      let indent = 0;
      while (at + indent < lineEnd && this.code(at + indent) === SPACE) indent++;
      if (this.startsMarker(at, '---') || this.startsMarker(at, '...')) bail(); // ends the document, even here
      const blank = at + indent === lineEnd;
      if (blank) {
        // Spaces-only lines before the content or beyond its indentation follow rules of
        // their own in `yaml`.
        if ((contentIndent < 0 && indent > 0) || (contentIndent >= 0 && indent > contentIndent)) bail();
        lines.push('');
        at = next;
        continue;
      }
      if (contentIndent < 0) {
        if (indent <= parentIndent) break;
        contentIndent = indent;
      } else if (indent < contentIndent) break;
      const content = this.src.slice(at + contentIndent, lineEnd);
      if (content.includes('\r')) bail();
      if (folded && (indent > contentIndent || content.charCodeAt(0) === TAB)) bail(); // more-indented folded lines
      lines.push(content);
      at = Math.min(next, this.length);
      end = at;
    }
    if (contentIndent < 0) bail();
    // Trailing blank lines belong to the chomping, not to the node's range.
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last--;
    const body = lines.slice(0, last);
    let value: string;
    if (!folded) value = body.join('\n');
    else {
      value = '';
      let blanks = 0;
      let started = false;
      for (const line of body) {
        if (line === '') {
          blanks++;
          continue;
        }
        if (started) value += blanks ? '\n'.repeat(blanks) : ' ';
        else if (blanks) value += '\n'.repeat(blanks);
        value += line;
        blanks = 0;
        started = true;
      }
    }
    if (!strip) value += '\n'; // `yaml` clips to one line break even at the end of the text
    this.pos = end;
    const type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    return tag ? taggedScalar(value, type, tag, start, end) : newScalar(value, type, value, start, end);
  }

  // ---- scalars -------------------------------------------------------------------------

  /** Offset just after the closing quote of the single-line quoted scalar at `at`. */
  private quotedEnd(at: number): number {
    const quote = this.code(at);
    for (let i = at + 1; i < this.length; i++) {
      const c = this.code(i);
      if (c === LF || c === CR) bail(); // multi-line quoted scalars fold lines
      if (quote === DQUOTE && c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === SQUOTE && this.code(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    bail();
  }

  private quoted(tag?: string): YAML.Scalar {
    const start = this.pos;
    const end = this.quotedEnd(start);
    const double = this.code(start) === DQUOTE;
    const raw = this.src.slice(start + 1, end - 1);
    const value = double ? unescapeDouble(raw) : raw.replace(/''/g, "'");
    const type = double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    this.pos = end;
    return tag ? taggedScalar(value, type, tag, start, end) : newScalar(value, type, value, start, end);
  }

  // ---- flow collections ----------------------------------------------------------------

  /**
   * Skips spaces, line breaks and comments inside a flow collection. Continuation lines
   * must be indented past the block that holds the collection.
   */
  private skipFlowSpace(parentIndent: number): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === LF || (c === CR && this.code(this.pos + 1) === LF)) {
        this.pos = this.afterBreak(this.pos);
        let indent = 0;
        while (this.code(this.pos) === SPACE) {
          this.pos++;
          indent++;
        }
        const d = this.code(this.pos);
        if (d !== LF && d !== CR && d !== HASH && indent <= parentIndent && this.pos < this.length) bail();
        if (this.startsMarker(this.pos, '---') || this.startsMarker(this.pos, '...')) bail();
      } else if (c === HASH) {
        const before = this.code(this.pos - 1);
        if (before !== SPACE && before !== LF) bail();
        // The comment runs to the line break; the loop then takes the break (LF or CRLF).
        const end = this.src.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.length : end;
      } else if (c === TAB || c === CR) bail();
      else return;
    }
  }

  private flowCollection(parentIndent: number): YAML.YAMLMap | YAML.YAMLSeq {
    const start = this.pos;
    const isFlowMap = this.code(start) === LBRACE;
    const close = isFlowMap ? RBRACE : RBRACKET;
    const node = isFlowMap ? newMap(start) : newSeq(start);
    node.flow = true;
    this.pos++;
    for (;;) {
      this.skipFlowSpace(parentIndent);
      if (this.pos >= this.length) bail();
      if (this.code(this.pos) === close) break;
      if (isFlowMap) {
        const key = this.flowKey();
        this.skipFlowSpace(parentIndent);
        if (this.code(this.pos) !== COLON) bail();
        this.pos++;
        this.skipFlowSpace(parentIndent);
        const c = this.code(this.pos);
        if (c === COMMA || c === close) bail(); // a key without a value
        (node as YAML.YAMLMap).items.push(newPair(key, this.flowItem(parentIndent)));
      } else {
        (node as YAML.YAMLSeq).items.push(this.flowItem(parentIndent));
      }
      this.skipFlowSpace(parentIndent);
      const c = this.code(this.pos);
      if (c === COMMA) {
        this.pos++;
        continue;
      }
      if (c === close) break;
      bail(); // includes `[a: b]`, a single-pair map inside a sequence
    }
    this.pos++;
    node.range = [start, this.pos, this.pos];
    return node;
  }

  private flowKey(): YAML.Scalar {
    const c = this.code(this.pos);
    if (c === DQUOTE || c === SQUOTE) return this.quoted();
    const start = this.pos;
    const scalar = this.flowPlain(undefined);
    if (this.code(this.pos) !== COLON || this.pos === start) bail();
    return scalar;
  }

  private flowItem(parentIndent: number): YAML.Node {
    let tag: string | undefined;
    if (this.code(this.pos) === BANG) {
      tag = this.tag();
      this.skipFlowSpace(parentIndent);
      const c = this.code(this.pos);
      if (c === COMMA || c === RBRACKET || c === RBRACE) return taggedScalar('', 'PLAIN', tag, this.pos, this.pos);
    }
    const c = this.code(this.pos);
    if (c === LBRACKET || c === LBRACE) return this.tagged(this.flowCollection(parentIndent), tag);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(tag);
    return this.flowPlain(tag);
  }

  /** A plain scalar inside a flow collection: it ends at `,[]{}`, `: ` or the end of the line. */
  private flowPlain(tag: string | undefined): YAML.Scalar {
    const start = this.pos;
    const c = this.code(start);
    if (BLOCK_INDICATORS.has(c)) bail();
    if ((c === DASH || c === COLON || c === 63) /* ? */ && (this.isSeparated(start + 1) || FLOW_ENDS.has(this.code(start + 1)))) bail();
    let end = start;
    let i = start;
    for (; i < this.length; i++) {
      const d = this.code(i);
      if (d === LF || d === CR || FLOW_ENDS.has(d)) break;
      if (d === COLON && (this.isSeparated(i + 1) || FLOW_ENDS.has(this.code(i + 1)))) break;
      if (d === HASH && (this.code(i - 1) === SPACE || this.code(i - 1) === TAB)) break;
      if (d !== SPACE && d !== TAB) end = i + 1;
    }
    if (end === start) bail();
    this.pos = end;
    const source = this.src.slice(start, end);
    return tag ? taggedScalar(source, 'PLAIN', tag, start, end) : plainScalar(source, start, end);
  }
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function unescapeDouble(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[++i];
    if (next in ESCAPES) {
      out += ESCAPES[next];
      continue;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = raw.slice(i + 1, i + 1 + width);
    if (!width || hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) bail();
    out += String.fromCodePoint(parseInt(hex, 16));
    i += width;
  }
  return out;
}
