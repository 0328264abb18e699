/**
 * Bad input found before anything ran (a YAML error, an unknown phase, a missing
 * file). The message is one line naming the file and line where there is one; the
 * CLI exits 2 on it.
 */
export class InputError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
  }
}

/** A named record (parameter, secret, repository, pull request, user) that does not exist; the CLI exits 2 on it. */
export class NotFoundError extends Error {}
