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

/**
 * A named record (parameter, secret, repository, pull request, user) that does not exist; the
 * CLI exits 2 on it, printing the exception AWS names it with (`code`, when given) under --json.
 */
export class NotFoundError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Bad input the AWS service refuses with a named exception (CodeCommit's
 * PullRequestCannotBeApprovedByAuthorException, …). The CLI prints it under `--json` as
 * that service's error body and exits 2; the API endpoint answers the same name.
 */
export class AwsExceptionError extends InputError {
  constructor(
    readonly code: string,
    message: string,
    file?: string,
    line?: number,
  ) {
    super(message, file, line);
  }
}

/** The error body AWS's JSON protocols send (`__type`, the exception name, and `message`); Slipway-only details under `slipway`. */
export function awsJsonErrorBody(code: string, message: string, slipway?: Record<string, unknown>): Record<string, unknown> {
  return slipway ? { __type: code, message, slipway } : { __type: code, message };
}
