/**
 * Syntax tree → pattern text, in one canonical spelling: single spaces, upper-case keywords,
 * `=`/`!=` (never `==`/`<>`), lower-case hex, and only the parentheses the tree needs.
 * `parsePattern(formatPattern(ast))` gives back the same tree (tested with generated trees).
 */
import type {
  ComparisonExpression,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  Qualifier,
} from './ast.js';
import { KEYWORDS } from './lexer.js';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A number in plain decimal notation (the grammar has no exponents): 1e21 → 1000…0. */
function plainDecimal(v: number): string {
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const s = String(Math.abs(v));
  const e = s.indexOf('e');
  if (e < 0) return sign + s;
  const exp = Number(s.slice(e + 1));
  const [intPart, frac = ''] = s.slice(0, e).split('.') as [string, string?];
  const digits = intPart + frac;
  const point = intPart.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function formatFloat(v: number): string {
  const s = plainDecimal(v);
  return s.includes('.') ? s : `${s}.0`;
}

/** A string literal with `'` and `\` escaped. */
function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One literal as pattern text, e.g. `h'ff00'` or `'it\'s'`. */
export function formatLiteral(l: Literal): string {
  switch (l.type) {
    case 'string':
      return quoteString(l.value);
    case 'int':
      return plainDecimal(l.value);
    case 'float':
      return formatFloat(l.value);
    case 'bool':
      return l.value ? 'true' : 'false';
    case 'binary':
      return `b'${Buffer.from(l.value).toString('base64')}'`;
    case 'hex':
      return `h'${Buffer.from(l.value).toString('hex')}'`;
    case 'timestamp':
      return `t'${l.value}'`;
  }
}

function formatKey(key: string): string {
  return IDENT.test(key) && !KEYWORDS.has(key) && key !== 'true' && key !== 'false'
    ? key
    : quoteString(key);
}

/** An object path as pattern text, e.g. `file:hashes.'SHA-256'`. */
export function formatObjectPath(p: ObjectPath): string {
  let s = `${p.objectType}:`;
  p.steps.forEach((step, i) => {
    if (step.kind === 'key') s += (i === 0 ? '' : '.') + formatKey(step.key);
    else if (step.kind === 'index') s += `[${step.index}]`;
    else s += '[*]';
  });
  return s;
}

const COMPARISON_PRECEDENCE = { or: 1, and: 2, comparison: 3, exists: 3 } as const;

function formatComparison(e: ComparisonExpression, min: number): string {
  let s: string;
  if (e.kind === 'comparison') {
    const value = Array.isArray(e.value)
      ? `(${e.value.map(formatLiteral).join(', ')})`
      : formatLiteral(e.value as Literal);
    s = `${formatObjectPath(e.path)} ${e.negated ? 'NOT ' : ''}${e.operator} ${value}`;
  } else if (e.kind === 'exists') {
    s = `${e.negated ? 'NOT ' : ''}EXISTS ${formatObjectPath(e.path)}`;
  } else {
    const own = COMPARISON_PRECEDENCE[e.kind];
    s = e.operands
      .map((o) => formatComparison(o, own + 1))
      .join(e.kind === 'and' ? ' AND ' : ' OR ');
  }
  return COMPARISON_PRECEDENCE[e.kind] < min ? `(${s})` : s;
}

function formatQualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${Number.isInteger(q.seconds) ? plainDecimal(q.seconds) : formatFloat(q.seconds)} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'startstop':
      return `START ${formatLiteral(q.start)} STOP ${formatLiteral(q.stop)}`;
  }
}

function sameQualifierInside(e: Extract<ObservationExpression, { kind: 'qualified' }>): boolean {
  for (let inner = e.expression; inner.kind === 'qualified'; inner = inner.expression) {
    if (inner.qualifier.kind === e.qualifier.kind) return true;
  }
  return false;
}

const OBSERVATION_PRECEDENCE = {
  FOLLOWEDBY: 1,
  OR: 2,
  AND: 3,
  qualified: 4,
  observation: 4,
} as const;

function formatObservation(e: ObservationExpression, min: number): string {
  let s: string;
  if (e.kind === 'observation') s = `[${formatComparison(e.comparison, 0)}]`;
  else if (e.kind === 'qualified') {
    const inner = formatObservation(e.expression, 4);
    // A qualifier of the same kind directly on the operand needs parentheses (see the parser).
    s = `${sameQualifierInside(e) ? `(${inner})` : inner} ${formatQualifier(e.qualifier)}`;
  } else {
    const own = OBSERVATION_PRECEDENCE[e.kind];
    // FOLLOWEDBY is left-associative: only its first operand may be a FOLLOWEDBY unparenthesised.
    s = e.operands
      .map((o, i) => formatObservation(o, e.kind === 'FOLLOWEDBY' && i === 0 ? own : own + 1))
      .join(` ${e.kind} `);
  }
  return OBSERVATION_PRECEDENCE[e.kind] < min ? `(${s})` : s;
}

/**
 * The canonical text of a pattern or observation expression.
 *
 * @example formatPattern(parsePattern('[a:b==1]  WITHIN 5 SECONDS')) // "[a:b = 1] WITHIN 5 SECONDS"
 */
export function formatPattern(p: Pattern | ObservationExpression): string {
  return formatObservation('text' in p ? p.expression : p, 0);
}

/** The canonical text of a comparison expression (without the square brackets). */
export function formatComparisonExpression(e: ComparisonExpression): string {
  return formatComparison(e, 0);
}
