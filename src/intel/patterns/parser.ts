/**
 * Recursive-descent parser for the whole STIX 2.1 pattern grammar (STIXPattern.g4): observation
 * expressions with AND / OR / FOLLOWEDBY and parentheses, the START…STOP, WITHIN and REPEATS
 * qualifiers, and (comparison-parser.ts) comparison expressions with AND / OR, every operator
 * with NOT, EXISTS, object paths with quoted, indexed and `[*]` steps, and every literal.
 * Precedence, lowest first: FOLLOWEDBY, OR, AND (observation level); OR, AND (comparison level).
 */
import type { Literal, ObservationExpression, Pattern, Qualifier } from './ast.js';
import { literalOf, parseComparisonExpression } from './comparison-parser.js';
import { type PatternSource, describeInput } from './pattern-errors.js';
import { TokenStream } from './token-stream.js';

type TimestampLiteral = Extract<Literal, { type: 'timestamp' }>;

class Parser {
  private readonly ts: TokenStream;

  constructor(text: string, src: PatternSource) {
    this.ts = new TokenStream(text, src);
  }

  parsePattern(): Pattern {
    const ts = this.ts;
    const first = ts.peek();
    if (!ts.is('[') && !ts.is('(')) {
      throw ts.error(
        first.pos,
        `expected '[' to start an observation expression, found ${describeInput(first.text)}`,
        'a pattern is one or more observation expressions in square brackets, e.g. [file:size = 1280]',
      );
    }
    const expression = this.observationExpressions();
    const t = ts.peek();
    if (t.kind !== 'eof') {
      const lower = t.kind === 'ident' && /^[a-z]+$/.test(t.text);
      throw ts.error(
        t.pos,
        `expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern, found ${describeInput(t.text)}`,
        lower
          ? `keywords are upper case: ${t.text.toUpperCase()}`
          : 'join observation expressions with AND, OR or FOLLOWEDBY; qualifiers are WITHIN n SECONDS, REPEATS n TIMES, START t… STOP t…',
      );
    }
    return { expression, text: ts.text };
  }

  private observationExpressions(): ObservationExpression {
    let left = this.observationOr();
    while (this.ts.is('FOLLOWEDBY', 'keyword')) {
      this.ts.next();
      const right = this.observationOr();
      const operands = left.kind === 'FOLLOWEDBY' ? [...left.operands, right] : [left, right];
      left = { kind: 'FOLLOWEDBY', operands, pos: operands[0]!.pos };
    }
    return left;
  }

  private observationOr(): ObservationExpression {
    return this.observationJoin('OR', () => this.observationAnd());
  }

  private observationAnd(): ObservationExpression {
    return this.observationJoin('AND', () => this.qualifiedObservation());
  }

  private observationJoin(
    op: 'AND' | 'OR',
    operand: () => ObservationExpression,
  ): ObservationExpression {
    const first = operand();
    if (!this.ts.is(op, 'keyword')) return first;
    const operands: ObservationExpression[] = [];
    const add = (e: ObservationExpression): void => {
      if (e.kind === op) operands.push(...e.operands);
      else operands.push(e);
    };
    add(first);
    while (this.ts.is(op, 'keyword')) {
      this.ts.next();
      add(operand());
    }
    return { kind: op, operands, pos: first.pos };
  }

  private qualifiedObservation(): ObservationExpression {
    const simple = this.ts.is('[');
    let e = this.observationPrimary();
    const kinds = new Set<string>();
    for (;;) {
      const q = this.qualifier();
      if (!q) return e;
      if (simple && kinds.has(q.kind)) {
        // The OASIS validator's rule: on `[…]`, parentheses must make a repeat explicit.
        const name = q.kind === 'startstop' ? 'START/STOP' : q.kind.toUpperCase();
        throw this.ts.error(
          q.pos,
          `duplicate ${name} qualifier on one observation expression`,
          'to apply a qualifier twice, parenthesise the first: ([…] REPEATS 2 TIMES) REPEATS 3 TIMES',
        );
      }
      kinds.add(q.kind);
      e = { kind: 'qualified', expression: e, qualifier: q, pos: e.pos };
    }
  }

  private observationPrimary(): ObservationExpression {
    const t = this.ts.peek();
    if (this.ts.is('[')) {
      const comparison = this.ts.nested(
        ']',
        "']' to close the observation expression",
        "join comparisons with AND or OR, e.g. [file:name = 'a.exe' AND file:size > 1024]",
        () => parseComparisonExpression(this.ts),
      );
      return { kind: 'observation', comparison, pos: t.pos };
    }
    if (this.ts.is('(')) {
      const inner = this.ts.nested(
        ')',
        "')' to close the parenthesis",
        'every ( needs a matching )',
        () => this.observationExpressions(),
      );
      // Keep the group's own position, so that errors point at its '('.
      return { ...inner, pos: t.pos };
    }
    throw this.ts.error(
      t.pos,
      `expected '[' or '(' to start an observation expression, found ${describeInput(t.text)}`,
      "observation expressions are comparisons in square brackets, e.g. [ipv4-addr:value = '198.51.100.1']",
    );
  }

  private qualifier(): Qualifier | undefined {
    const t = this.ts.peek();
    if (t.kind !== 'keyword') return undefined;
    if (t.text === 'WITHIN') {
      this.ts.next();
      const n = this.ts.next();
      const positive =
        (n.kind === 'int' || n.kind === 'float') && !n.text.startsWith('-') && n.text !== '';
      if (!positive) {
        throw this.ts.error(
          n.pos,
          `expected a positive number of seconds after WITHIN, found ${describeInput(n.text)}`,
          'write WITHIN n SECONDS, e.g. WITHIN 300 SECONDS',
        );
      }
      this.ts.expect('SECONDS', "'SECONDS'", 'SECONDS is the only unit: WITHIN 300 SECONDS');
      return { kind: 'within', seconds: n.value as number, pos: t.pos };
    }
    if (t.text === 'REPEATS') {
      this.ts.next();
      const n = this.ts.next();
      if (n.kind !== 'int' || n.text.startsWith('-')) {
        throw this.ts.error(
          n.pos,
          `expected a positive whole number after REPEATS, found ${describeInput(n.text)}`,
          'write REPEATS n TIMES, e.g. REPEATS 5 TIMES',
        );
      }
      this.ts.expect('TIMES', "'TIMES'", 'write REPEATS n TIMES');
      return { kind: 'repeats', times: n.value as number, pos: t.pos };
    }
    if (t.text === 'START') {
      this.ts.next();
      const start = this.timestamp('START');
      this.ts.expect('STOP', "'STOP'", "write START t'…' STOP t'…'");
      const stop = this.timestamp('STOP');
      return { kind: 'startstop', start, stop, pos: t.pos };
    }
    return undefined;
  }

  private timestamp(after: string): TimestampLiteral {
    const n = this.ts.next();
    if (n.kind !== 'timestamp') {
      throw this.ts.error(
        n.pos,
        `expected a timestamp literal after ${after}, found ${describeInput(n.text)}`,
        "write t'2016-06-01T01:30:00Z'",
      );
    }
    return literalOf(this.ts, n) as TimestampLiteral;
  }
}

/**
 * Parses a STIX 2.1 pattern into its syntax tree. Throws a BAD_INPUT ThreatMeshError located
 * at the offending character (`pattern:1:23: expected ']' …`) with a hint. Syntax only: see
 * `validatePattern` for the rules of STIX 2.1 §9 that the grammar cannot express.
 *
 * @example
 * const p = parsePattern("[ipv4-addr:value = '198.51.100.1'] WITHIN 60 SECONDS");
 * p.expression.kind // 'qualified'
 */
export function parsePattern(text: string, src: PatternSource = {}): Pattern {
  return new Parser(text, src).parsePattern();
}
