/**
 * A value that cannot be known yet: it depends on a resource that is still to be
 * created or replaced. Change sets show such properties as "Dynamic"; any function
 * given an unresolved argument yields an unresolved result naming the same causes.
 */
export class Unresolved {
  constructor(readonly causes: string[]) {}

  toJSON(): string {
    return `{{unresolved:${this.causes.join(',')}}}`;
  }
}

/** Every unresolved value inside `value`, merged into one (or undefined when it is all known). */
export function findUnresolved(value: unknown): Unresolved | undefined {
  const causes = new Set<string>();
  const walk = (v: unknown): void => {
    if (v instanceof Unresolved) v.causes.forEach((c) => causes.add(c));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return causes.size ? new Unresolved([...causes]) : undefined;
}
