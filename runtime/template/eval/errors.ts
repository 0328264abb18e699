/**
 * A template that cannot be evaluated (a parameter breaking its constraints, a bad
 * intrinsic argument, a missing mapping key). `path` says where in the template.
 */
export class TemplateEvalError extends Error {
  constructor(
    message: string,
    readonly path: string[] = [],
  ) {
    super(path.length ? `${path.join('/')}: ${message}` : message);
  }
}
