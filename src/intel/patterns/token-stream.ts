/**
 * The parser's view of the tokens: look-ahead, expectations with located errors, and a bound
 * on nesting depth.
 */
import type { ThreatMeshError } from '../../core/errors.js';
import { Lexer, type Token } from './lexer.js';
import { type PatternSource, describeInput, patternError } from './pattern-errors.js';

/** Parentheses and brackets nest at most this deep: a bound on recursion for hostile input. */
const MAX_NESTING = 100;

export class TokenStream {
  private readonly lexer: Lexer;
  /** Tokens read so far; the parsers look at most two ahead. */
  private readonly tokens: Token[] = [];
  private i = 0;
  private depth = 0;

  constructor(
    readonly text: string,
    private readonly src: PatternSource,
  ) {
    this.lexer = new Lexer(text, (pos, message, hint) => this.error(pos, message, hint));
  }

  /** A BAD_INPUT error at `pos` of the pattern. */
  error(pos: number, message: string, hint: string): ThreatMeshError {
    return patternError(this.text, pos, message, hint, this.src);
  }

  peek(ahead = 0): Token {
    while (this.tokens.length <= this.i + ahead) this.tokens.push(this.lexer.next());
    return this.tokens[this.i + ahead]!;
  }

  next(): Token {
    const t = this.peek();
    this.i++;
    return t;
  }

  /** Whether the next token is `text` (of `kind`, if given); string literals never are. */
  is(text: string, kind?: Token['kind']): boolean {
    const t = this.peek();
    return t.text === text && (kind === undefined || t.kind === kind) && t.kind !== 'string';
  }

  expect(text: string, what: string, hint: string): Token {
    if (this.is(text)) return this.next();
    const t = this.peek();
    throw this.error(t.pos, `expected ${what}, found ${describeInput(t.text)}`, hint);
  }

  /** Parses `inner` between `open` (the next token) and `close`, one nesting level deeper. */
  nested<T>(close: string, what: string, hint: string, inner: () => T): T {
    const open = this.next();
    if (++this.depth > MAX_NESTING) {
      throw this.error(
        open.pos,
        `parentheses and brackets nest more than ${MAX_NESTING} deep`,
        'simplify the pattern',
      );
    }
    const value = inner();
    this.expect(close, what, hint);
    this.depth--;
    return value;
  }
}
