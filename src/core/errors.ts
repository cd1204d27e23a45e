/**
 * Errors are data: one class with a `code` from a closed union, an optional location and a
 * hint that tells the user how to fix it. Only `api/` maps codes to HTTP statuses and only
 * `cli/` maps them to exit codes.
 */
export type ErrorCode =
  /** Malformed input: a file, a row, a JSON document, a parameter value. */
  | 'BAD_INPUT'
  /** Wrong use of a command or API: unknown option, missing argument, unknown data set. */
  | 'USAGE'
  /** A named thing does not exist (file, model, run). */
  | 'NOT_FOUND'
  /** Content does not match its recorded hash: corruption or tampering. */
  | 'INTEGRITY'
  /** Signed by a key this instance does not trust. */
  | 'UNTRUSTED'
  /** A conflicting state (a name already taken, …). */
  | 'CONFLICT'
  /** Authentication or authorisation failure. */
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  /** Anything we did not anticipate. */
  | 'INTERNAL';

/** Where in the input a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** JSON path such as `$.objects[3].pattern`. */
  readonly path?: string;
}

export interface ThreatMeshErrorOptions {
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly cause?: unknown;
}

export class ThreatMeshError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: ThreatMeshErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ThreatMeshError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }

  /** One line for a person: `file:line:column: message (hint)`. */
  describe(): string {
    const where = formatLocation(this.location);
    const hint = this.hint ? ` — ${this.hint}` : '';
    return `${where ? `${where}: ` : ''}${this.message}${hint}`;
  }
}

export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.file !== undefined) {
    let s = loc.file;
    if (loc.line !== undefined) s += `:${loc.line}`;
    if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
    parts.push(s);
  }
  if (loc.path !== undefined) parts.push(loc.path);
  return parts.join(' ');
}

export function badInput(message: string, options: ThreatMeshErrorOptions = {}): ThreatMeshError {
  return new ThreatMeshError('BAD_INPUT', message, options);
}

export function usageError(message: string, options: ThreatMeshErrorOptions = {}): ThreatMeshError {
  return new ThreatMeshError('USAGE', message, options);
}

export function notFound(message: string, options: ThreatMeshErrorOptions = {}): ThreatMeshError {
  return new ThreatMeshError('NOT_FOUND', message, options);
}

export function isThreatMeshError(e: unknown): e is ThreatMeshError {
  return e instanceof ThreatMeshError;
}
