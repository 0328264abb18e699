/**
 * The shell state a build carries from one run-as user's shell to another's, read as
 * data, never sourced: `export -p` output (bash's `declare -x NAME="…"`, sh's
 * `export NAME='…'`) is parsed here and the receiving shell gets a state file Slipway
 * wrote itself. Across a privilege boundary (a run-as user's state going to root or to
 * Slipway's own user) variables that change what a program runs or loads are dropped.
 */

/** Per-user variables: each shell has its own, whatever the other one had. */
const PER_USER = new Set(['HOME', 'USER', 'LOGNAME', 'PWD', 'OLDPWD', 'SHLVL', '_', 'MAIL']);

/** Variables that make a shell or a program run or load code of the user who set them. */
const EXECUTION = /^(PATH|CDPATH|IFS|ENV|BASH_ENV|PS4|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|GLOBIGNORE|BASH_FUNC_.*|LD_.*|DYLD_.*|PYTHON(PATH|STARTUP|HOME)|NODE_(OPTIONS|PATH)|PERL5?(LIB|OPT)|RUBY(OPT|LIB)|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|GIT_.*|XDG_CONFIG_HOME|XDG_DATA_HOME|NPM_CONFIG_.*|npm_config_.*|PIP_.*|GCONV_PATH|TMPDIR)$/;

/** Parses `export -p` output; undefined when it is not exactly that (a hand-written or tampered file). */
export function parseExportedState(text: string): Map<string, string> | undefined {
  const result = new Map<string, string>();
  let at = 0;
  const n = text.length;
  const skipBlank = () => {
    while (at < n && /\s/.test(text[at])) at++;
  };
  for (skipBlank(); at < n; skipBlank()) {
    const head = /^(?:declare -[A-Za-z-]*x[A-Za-z]* |export )([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at, at + 300));
    if (!head) return undefined;
    at += head[0].length;
    const name = head[1];
    if (text[at] !== '=') {
      if (at < n && !/\s/.test(text[at])) return undefined;
      continue; // exported without a value
    }
    at++;
    let value = '';
    while (at < n && !/\s/.test(text[at])) {
      const c = text[at];
      if (c === "'") {
        const end = text.indexOf("'", at + 1);
        if (end < 0) return undefined;
        value += text.slice(at + 1, end);
        at = end + 1;
      } else if (c === '"') {
        at++;
        for (;;) {
          if (at >= n) return undefined;
          const d = text[at];
          if (d === '"') break;
          if (d === '\\' && at + 1 < n && '"\\$`\n'.includes(text[at + 1])) {
            if (text[at + 1] !== '\n') value += text[at + 1];
            at += 2;
            continue;
          }
          if (d === '$' || d === '`') return undefined; // an expansion: code, not a value
          value += d;
          at++;
        }
        at++;
      } else if (c === '\\' && at + 1 < n) {
        value += text[at + 1];
        at += 2;
      } else if (c === '$' || c === '`' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')') {
        return undefined;
      } else {
        value += c;
        at++;
      }
    }
    result.set(name, value);
  }
  return result;
}

export interface CarriedState {
  variables: Map<string, string>;
  dropped: string[];
}

/**
 * What may cross to the other shell; `upward` when the receiving shell is more privileged.
 * A variable the receiving shell starts with anyway (same value in `own`) is no influence.
 */
export function carriedVariables(variables: Map<string, string>, upward: boolean, own: Record<string, string | undefined> = {}): CarriedState {
  const carried = new Map<string, string>();
  const dropped: string[] = [];
  for (const [name, value] of variables) {
    if (PER_USER.has(name)) continue;
    if (upward && EXECUTION.test(name) && own[name] !== value) {
      dropped.push(name);
      continue;
    }
    carried.set(name, value);
  }
  return { variables: carried, dropped };
}
