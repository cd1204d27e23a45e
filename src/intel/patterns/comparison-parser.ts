/**
 * The comparison level of the grammar (STIXPattern.g4: comparisonExpression, propTest,
 * objectPath and the literals): `path [NOT] op literal`, `[NOT] EXISTS path`, AND binding
 * tighter than OR, parentheses.
 */
import type {
  Comparison,
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  PathStep,
} from './ast.js';
import type { Token } from './lexer.js';
import { describeInput } from './pattern-errors.js';
import type { TokenStream } from './token-stream.js';

const ORDER_OPS = new Set(['<', '<=', '>', '>=']);
const STRING_OPS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

function join(
  ts: TokenStream,
  op: 'AND' | 'OR',
  operand: () => ComparisonExpression,
): ComparisonExpression {
  const kind = op === 'AND' ? 'and' : 'or';
  const first = operand();
  if (!ts.is(op, 'keyword')) return first;
  const operands: ComparisonExpression[] = [];
  const add = (e: ComparisonExpression): void => {
    if (e.kind === kind) operands.push(...e.operands);
    else operands.push(e);
  };
  add(first);
  while (ts.is(op, 'keyword')) {
    ts.next();
    add(operand());
  }
  return { kind, operands, pos: first.pos };
}

/** A comparison expression, up to (not including) the closing `]`. */
export function parseComparisonExpression(ts: TokenStream): ComparisonExpression {
  return join(ts, 'OR', () => join(ts, 'AND', () => propTest(ts)));
}

function propTest(ts: TokenStream): ComparisonExpression {
  const t = ts.peek();
  if (ts.is('(')) {
    return ts.nested(')', "')' to close the parenthesis", 'every ( needs a matching )', () =>
      parseComparisonExpression(ts),
    );
  }
  if (ts.is('NOT', 'keyword') && ts.peek(1).text === 'EXISTS') {
    ts.next();
    ts.next();
    return { kind: 'exists', path: objectPath(ts), negated: true, pos: t.pos };
  }
  if (ts.is('EXISTS', 'keyword')) {
    ts.next();
    return { kind: 'exists', path: objectPath(ts), negated: false, pos: t.pos };
  }
  return comparisonAfter(ts, objectPath(ts));
}

function comparisonAfter(ts: TokenStream, path: ObjectPath): Comparison {
  const opPos = ts.peek().pos;
  const negated = ts.is('NOT', 'keyword');
  if (negated) ts.next();
  const t = ts.next();
  const known =
    t.kind === 'op' || (t.kind === 'keyword' && (t.text === 'IN' || STRING_OPS.has(t.text)));
  if (!known) {
    throw ts.error(
      t.pos,
      `expected a comparison operator, found ${describeInput(t.text)}`,
      'operators: = != < <= > >= IN LIKE MATCHES ISSUBSET ISSUPERSET, each optionally after NOT',
    );
  }
  const operator = t.text as ComparisonOperator;
  let value: Literal | Literal[];
  if (operator === 'IN') value = setLiteral(ts);
  else if (STRING_OPS.has(operator)) value = literal(ts, 'string', operator);
  else value = literal(ts, ORDER_OPS.has(operator) ? 'orderable' : 'primitive', operator);
  return { kind: 'comparison', path, negated, operator, value, opPos, pos: path.pos };
}

const STRING_EXAMPLES: Readonly<Record<string, string>> = {
  LIKE: "'%.exe'",
  MATCHES: "'^evil[0-9]+\\\\.com$'",
  ISSUBSET: "'198.51.100.0/24'",
  ISSUPERSET: "'198.51.100.7'",
};

function literal(ts: TokenStream, want: 'string' | 'orderable' | 'primitive', op: string): Literal {
  const t = ts.peek();
  const ok =
    t.kind === 'string' ||
    (want !== 'string' && ['int', 'float', 'binary', 'hex', 'timestamp'].includes(t.kind)) ||
    (want === 'primitive' && t.kind === 'bool');
  if (!ok) {
    const expected =
      want === 'string'
        ? `a quoted string after ${op}`
        : want === 'orderable'
          ? `a number, string, binary or timestamp literal after ${op}`
          : `a literal value after ${op}`;
    throw ts.error(
      t.pos,
      `expected ${expected}, found ${describeInput(t.text)}`,
      t.kind === 'ident'
        ? `quote strings: '${t.text}' (the right side is a literal, never a path)`
        : want === 'string'
          ? `${op} takes a quoted string, e.g. ${STRING_EXAMPLES[op] ?? "'…'"}`
          : "literals: 'string', 42, -1.5, true, h'ff00', b'aGk=', t'2016-06-01T00:00:00Z'",
    );
  }
  return literalOf(ts, ts.next());
}

/** The literal a token holds (the lexer has decoded it). */
export function literalOf(ts: TokenStream, t: Token): Literal {
  switch (t.kind) {
    case 'string':
      return { type: 'string', value: t.value as string, pos: t.pos };
    case 'int':
      return { type: 'int', value: t.value as number, pos: t.pos };
    case 'float':
      return { type: 'float', value: t.value as number, pos: t.pos };
    case 'bool':
      return { type: 'bool', value: t.value as boolean, pos: t.pos };
    case 'binary':
    case 'hex':
      return { type: t.kind, value: t.value as Uint8Array, pos: t.pos };
    case 'timestamp':
      return { type: 'timestamp', value: t.value as string, micros: t.micros!, pos: t.pos };
    default:
      throw ts.error(t.pos, `expected a literal, found ${describeInput(t.text)}`, '');
  }
}

function setLiteral(ts: TokenStream): Literal[] {
  const open = ts.peek();
  if (!ts.is('(')) {
    throw ts.error(
      open.pos,
      `expected '(' to start the set after IN, found ${describeInput(open.text)}`,
      "write IN ('a', 'b') or IN (1, 2, 3)",
    );
  }
  return ts.nested(
    ')',
    "',' or ')' in the set",
    "separate set members with commas: IN ('a', 'b')",
    () => {
      const values: Literal[] = [];
      if (ts.is(')')) return values;
      values.push(literal(ts, 'primitive', 'IN'));
      while (ts.is(',')) {
        ts.next();
        values.push(literal(ts, 'primitive', 'IN'));
      }
      return values;
    },
  );
}

/** `objectType:property(.key | [n] | [*])*`. */
function objectPath(ts: TokenStream): ObjectPath {
  const t = ts.next();
  if (t.kind !== 'ident') {
    throw ts.error(
      t.pos,
      `expected an object path such as file:name, found ${describeInput(t.text)}`,
      "a comparison is objectType:property OPERATOR value, e.g. ipv4-addr:value = '198.51.100.1'",
    );
  }
  const colon = ts.peek();
  if (!ts.is(':', 'punct')) {
    throw ts.error(
      colon.pos,
      `expected ':' after the object type '${t.text}', found ${describeInput(colon.text)}`,
      'separate the object type from the property with a colon: file:size, not file.size',
    );
  }
  ts.next();
  const steps: PathStep[] = [{ kind: 'key', key: pathKey(ts) }];
  for (;;) {
    if (ts.is('.', 'punct')) {
      ts.next();
      steps.push({ kind: 'key', key: pathKey(ts) });
    } else if (ts.is('[', 'punct')) {
      ts.next();
      const n = ts.next();
      if (n.text === '*' && n.kind === 'punct') steps.push({ kind: 'any' });
      else if (n.kind === 'int') steps.push({ kind: 'index', index: n.value as number });
      else {
        throw ts.error(
          n.pos,
          `expected a list index or '*', found ${describeInput(n.text)}`,
          'index lists with [0], [-1] (from the end) or [*] (any element)',
        );
      }
      ts.expect(']', "']' to close the list index", 'write [0] or [*]');
    } else {
      return { objectType: t.text, steps, pos: t.pos };
    }
  }
}

function pathKey(ts: TokenStream): string {
  const t = ts.next();
  if (t.kind === 'string') return t.value as string;
  if (t.kind === 'ident' && !t.hyphen) return t.text;
  throw ts.error(
    t.pos,
    `expected a property name, found ${describeInput(t.text)}`,
    t.kind === 'ident'
      ? `quote property names that contain hyphens: '${t.text}'`
      : "property names are identifiers or quoted strings, e.g. hashes.'SHA-256'",
  );
}
