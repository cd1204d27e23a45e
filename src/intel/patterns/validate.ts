/**
 * The rules of STIX 2.1 §9 that the grammar cannot express, checked on the syntax tree. Errors
 * make a pattern invalid (it could never match, or it is malformed); warnings point at what is
 * legal but probably a mistake. All issues are collected, each with its position.
 */
import { canonicalHashName } from '../../core/observation.js';
import { SCO_TYPES, stixKind } from '../../core/stix/kinds.js';
import type { ComparisonExpression, Literal, ObservationExpression, Pattern } from './ast.js';
import { satisfyingTypes } from './comparisons.js';
import { parseIpBlock } from './ip.js';
import { type PatternSource, locate, patternError } from './pattern-errors.js';
import { RegexSyntaxError } from './regex/regex-syntax.js';
import { compileSafeRegex } from './regex/pike-vm.js';
import { parseStixTimestamp } from './timestamps.js';
import { textOf } from './values.js';

export interface PatternIssue {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint: string;
  /** 0-based offset in the pattern text, and the 1-based line and column. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Largest REPEATS count accepted: its partial matches are kept in memory per pattern. */
export const MAX_REPEATS = 10_000;

/** Most simple observation expressions under one AND/FOLLOWEDBY (see `observation`). */
export const MAX_JOINED = 32;

function simpleCount(e: ObservationExpression): number {
  if (e.kind === 'observation') return 1;
  if (e.kind === 'qualified') return simpleCount(e.expression);
  return e.operands.reduce((n, o) => n + simpleCount(o), 0);
}

/** Hex digits of each hash algorithm of the STIX 2.1 hash vocabulary (§10.7). */
const HASH_HEX_LENGTH: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-512': 128,
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

class Checker {
  readonly issues: PatternIssue[] = [];

  constructor(private readonly text: string) {}

  add(severity: PatternIssue['severity'], offset: number, message: string, hint: string): void {
    this.issues.push({ severity, message, hint, offset, ...locate(this.text, offset) });
  }

  observation(e: ObservationExpression, joined = false): void {
    if (e.kind === 'observation') return this.comparison(e.comparison);
    if (e.kind !== 'qualified') {
      const join = e.kind === 'AND' || e.kind === 'FOLLOWEDBY';
      const n = join && !joined ? simpleCount(e) : 0;
      if (n > MAX_JOINED) {
        // Each joined operand keeps partial matches and is combined with the others on every
        // observation: a shared pattern must not be able to make that work unbounded.
        this.add(
          'error',
          e.pos,
          `${n} observation expressions joined by AND/FOLLOWEDBY; at most ${MAX_JOINED} are supported`,
          'split the pattern into several indicators',
        );
      }
      return e.operands.forEach((o) => this.observation(o, joined || join));
    }
    this.observation(e.expression, joined);
    const q = e.qualifier;
    if (q.kind === 'within' && !(q.seconds > 0)) {
      this.add(
        'error',
        q.pos,
        'WITHIN needs a positive number of seconds',
        'write e.g. WITHIN 300 SECONDS',
      );
    } else if (q.kind === 'repeats' && q.times < 1) {
      this.add('error', q.pos, 'REPEATS needs at least 1', 'write e.g. REPEATS 5 TIMES');
    } else if (q.kind === 'repeats' && q.times > MAX_REPEATS) {
      // The stream matcher keeps as many partial matches as the count: a shared pattern must
      // not be able to make it hold millions.
      this.add(
        'error',
        q.pos,
        `REPEATS ${q.times} TIMES is above the supported ${MAX_REPEATS}`,
        `use a count of at most ${MAX_REPEATS}`,
      );
    } else if (q.kind === 'startstop') {
      this.literal(q.start);
      this.literal(q.stop);
      if (q.stop.micros <= q.start.micros) {
        this.add(
          'error',
          q.pos,
          'STOP must be later than START',
          'the interval is [START, STOP): swap the timestamps',
        );
      }
    }
  }

  private objectType(type: string, pos: number): void {
    if (
      !/^[a-z0-9_-]+$/.test(type) ||
      type.length < 3 ||
      type.length > 250 ||
      type.includes('--')
    ) {
      this.add(
        'error',
        pos,
        `'${type}' is not a valid object type name`,
        'type names are 3–250 characters of lower-case letters, digits and single hyphens (STIX 2.1 §3.1)',
      );
    } else if (type.includes('_')) {
      this.add(
        'warning',
        pos,
        `object type '${type}' contains '_'`,
        'STIX 2.1 type names use hyphens, not underscores',
      );
    } else if (stixKind(type) !== 'sco' && !type.startsWith('x-')) {
      const near = SCO_TYPES.find((t) => editDistance(t, type) <= 2);
      this.add(
        'warning',
        pos,
        `'${type}' is not a STIX 2.1 cyber-observable type`,
        near ? `did you mean '${near}'?` : 'custom types are allowed; check the spelling',
      );
    }
  }

  private literal(l: Literal): void {
    if (l.type === 'timestamp' && !parseStixTimestamp(l.value)?.realDate) {
      this.add('error', l.pos, `t'${l.value}' is not a real date`, 'check the day of the month');
    }
  }

  private comparison(e: ComparisonExpression): void {
    if (e.kind !== 'comparison' && e.kind !== 'exists') {
      e.operands.forEach((o) => this.comparison(o));
      if (e.kind === 'and') this.andTypes(e.operands);
      return;
    }
    this.objectType(e.path.objectType, e.path.pos);
    if (e.kind === 'exists') return;
    const values = Array.isArray(e.value) ? e.value : [e.value as Literal];
    values.forEach((l) => this.literal(l));
    if (e.operator === 'IN') {
      const kind = (l: Literal): string =>
        l.type === 'int' || l.type === 'float' ? 'number' : l.type === 'hex' ? 'binary' : l.type;
      const bad = values.find((l) => kind(l) !== kind(values[0]!));
      if (bad)
        this.add(
          'error',
          bad.pos,
          'the members of a set must all have one type',
          'do not mix strings, numbers, booleans… in one IN (…)',
        );
    }
    const lit = values[0];
    if ((e.operator === 'ISSUBSET' || e.operator === 'ISSUPERSET') && lit) {
      if (!parseIpBlock(lit.value as string)) {
        this.add(
          'error',
          lit.pos,
          `${e.operator} needs an IP address or CIDR block, not '${String(lit.value)}'`,
          "write e.g. '198.51.100.0/24' or '2001:db8::/32'",
        );
      }
    }
    if (e.operator === 'MATCHES' && lit) this.regex(lit);
    const steps = e.path.steps;
    const last = steps[steps.length - 1];
    const beforeLast = steps[steps.length - 2];
    if (
      last?.kind === 'key' &&
      beforeLast?.kind === 'key' &&
      beforeLast.key === 'hashes' &&
      ['=', '!=', 'IN'].includes(e.operator)
    ) {
      const name = canonicalHashName(last.key);
      const len = HASH_HEX_LENGTH[name];
      for (const l of values) {
        if (
          len !== undefined &&
          l.type === 'string' &&
          !new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(l.value)
        ) {
          this.add(
            'error',
            l.pos,
            `'${l.value}' is not a valid ${name} hash`,
            `a ${name} hash is ${len} hex digits`,
          );
        }
      }
    }
  }

  private regex(lit: Literal): void {
    try {
      compileSafeRegex(textOf(lit.value)!);
    } catch (err) {
      if (!(err instanceof RegexSyntaxError)) throw err;
      this.add(
        'error',
        lit.pos,
        `invalid regular expression: ${err.message} (at character ${err.offset + 1} of the expression)`,
        err.hint,
      );
    }
  }

  /** STIX 2.1 §9.5: all operands of AND must be satisfiable by the same type of object. */
  private andTypes(operands: readonly ComparisonExpression[]): void {
    let common = satisfyingTypes(operands[0]!);
    for (const o of operands.slice(1)) {
      const types = satisfyingTypes(o);
      const next = new Set([...common].filter((t) => types.has(t)));
      if (next.size === 0 && common.size > 0) {
        this.add(
          'error',
          o.pos,
          `comparisons joined by AND must hold for one object, but this one is about ${[...types].join('/')} and the ones before about ${[...common].join('/')}`,
          `use OR, or separate observation expressions: [${[...common][0]}:…] AND [${[...types][0]}:…]`,
        );
      }
      common = next;
    }
  }
}

/**
 * Checks a parsed pattern against STIX 2.1 §9: AND operands satisfiable by one object type,
 * object type names, qualifier values (WITHIN > 0, REPEATS ≥ 1, START < STOP), real calendar
 * dates, one type per IN set, CIDR operands of ISSUBSET/ISSUPERSET, supported regular
 * expressions for MATCHES, and hash lengths. Returns every issue found, in text order.
 *
 * @example validatePattern(parsePattern("[file:name = 'a' AND url:value = 'b']"))[0].message
 * // "comparisons joined by AND must hold for one object, …"
 */
export function validatePattern(p: Pattern): PatternIssue[] {
  const c = new Checker(p.text);
  c.observation(p.expression);
  // In the order of the text, so that the first error reported is the first one written.
  return c.issues.sort((a, b) => a.offset - b.offset);
}

/**
 * Throws a BAD_INPUT ThreatMeshError at the first validation error (naming how many more
 * there are); returns the warnings.
 */
export function assertValidPattern(p: Pattern, src: PatternSource = {}): PatternIssue[] {
  const issues = validatePattern(p);
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  if (first) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw patternError(p.text, first.offset, first.message + more, first.hint, src);
  }
  return issues.filter((i) => i.severity === 'warning');
}
