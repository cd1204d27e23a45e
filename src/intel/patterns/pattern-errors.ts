import { ThreatMeshError } from '../../core/errors.js';

/** Where a pattern came from, for error locations: a name (default `pattern`) and a JSON path. */
export interface PatternSource {
  /** Shown where a file name would be, e.g. `bundle.json` or `pattern` (the default). */
  readonly source?: string;
  /** JSON path of the pattern property, e.g. `$.objects[3].pattern`. */
  readonly path?: string;
}

/**
 * 1-based line and column of a 0-based UTF-16 offset; columns count characters (code points),
 * so that an emoji in a string literal does not shift the column of a later error.
 *
 * @example locate('[a:b = 1]\n]', 10) // { line: 2, column: 1 }
 */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 1;
    } else if (c < 0xdc00 || c > 0xdfff) {
      column++; // a low surrogate completes a character already counted
    }
  }
  return { line, column };
}

/** A BAD_INPUT error located at `offset` in the pattern text. */
export function patternError(
  text: string,
  offset: number,
  message: string,
  hint: string,
  src: PatternSource = {},
): ThreatMeshError {
  const { line, column } = locate(text, offset);
  return new ThreatMeshError('BAD_INPUT', message, {
    location: {
      file: src.source ?? 'pattern',
      line,
      column,
      ...(src.path ? { path: src.path } : {}),
    },
    hint,
  });
}

/** How a token or character is shown in a message: quoted, shortened, end of input named. */
export function describeInput(text: string): string {
  if (text === '') return 'the end of the pattern';
  const short = text.length > 24 ? `${text.slice(0, 21)}...` : text;
  return `'${short}'`;
}
