/**
 * Validation problems are data (STYLE.md habit 4): every check appends to a list instead of
 * throwing, so that one pass reports everything wrong with a document, each with its JSON path.
 */

/** One problem: where (`$.objects[3].modified`), what, and how to fix it when we can say. */
export interface StixIssue {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/**
 * Errors break the spec's MUSTs (the object is rejected); warnings its SHOULDs (the object is
 * kept and the warning reported).
 */
export interface IssueSink {
  readonly errors: StixIssue[];
  readonly warnings: StixIssue[];
}

export function newSink(): IssueSink {
  return { errors: [], warnings: [] };
}

export function issue(path: string, message: string, hint?: string): StixIssue {
  return hint === undefined ? { path, message } : { path, message, hint };
}

/** True when an error is already recorded at `path` (the schema spoke first). */
export function hasErrorAt(sink: IssueSink, path: string): boolean {
  for (const e of sink.errors) if (e.path === path) return true;
  return false;
}

/**
 * Puts `replacement` in place of the errors already recorded at its path: a rule that knows
 * more than the schema (which type a reference must have) says it better.
 */
export function replaceErrorsAt(sink: IssueSink, replacement: StixIssue): void {
  const kept = sink.errors.filter((e) => e.path !== replacement.path);
  sink.errors.length = 0;
  sink.errors.push(...kept, replacement);
}

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `$.a` + `b` → `$.a.b`; array indices and names that are not identifiers use brackets:
 * `$.objects[3]`, `$.extensions['archive-ext']`.
 *
 * @example childPath('$.objects[3]', 'modified') // '$.objects[3].modified'
 */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return PLAIN_NAME.test(key) ? `${base}.${key}` : `${base}['${key.replace(/['\\]/g, '\\$&')}']`;
}
