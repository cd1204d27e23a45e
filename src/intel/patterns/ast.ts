/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 §9; grammar: STIXPattern.g4 of the OASIS
 * cti-stix2-json-schemas). Every node carries `pos`, the 0-based UTF-16 offset of its first
 * character in the pattern text, so that validation can point at it. Parentheses are not kept:
 * the tree's shape says what they grouped, and the formatter puts back the ones it needs.
 */

export type Literal =
  | { readonly type: 'int'; readonly value: number; readonly pos: number }
  | { readonly type: 'float'; readonly value: number; readonly pos: number }
  | { readonly type: 'string'; readonly value: string; readonly pos: number }
  | { readonly type: 'bool'; readonly value: boolean; readonly pos: number }
  /** `b'…'` (base64) and `h'…'` (hex): the decoded bytes. */
  | { readonly type: 'binary' | 'hex'; readonly value: Uint8Array; readonly pos: number }
  /** `t'…'`: the text between the quotes; `micros` is microseconds since the epoch. */
  | {
      readonly type: 'timestamp';
      readonly value: string;
      readonly micros: number;
      readonly pos: number;
    };

/** One step after the first property: `.name`, `.'quoted name'`, `[3]`, `[-1]` or `[*]`. */
export type PathStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' };

/** `objectType:property.steps…`, e.g. `file:hashes.'SHA-256'`; the first step is always a key. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly PathStep[];
  readonly pos: number;
}

export type ComparisonOperator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** `path [NOT] op value`; `value` is a list for IN. `opPos` is where the operator (or NOT) is. */
export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly operator: ComparisonOperator;
  readonly value: Literal | readonly Literal[];
  readonly opPos: number;
  readonly pos: number;
}

/** `[NOT] EXISTS path`. */
export interface Exists {
  readonly kind: 'exists';
  readonly path: ObjectPath;
  readonly negated: boolean;
  readonly pos: number;
}

/**
 * Comparison-level AND / OR over two or more operands (both are associative, so
 * `a AND (b AND c)` and `a AND b AND c` give the same node); `pos` is the first operand's.
 * Flat lists keep recursion shallow for indicators that OR together thousands of values.
 */
export interface BooleanComparison {
  readonly kind: 'and' | 'or';
  readonly operands: readonly ComparisonExpression[];
  readonly pos: number;
}

export type ComparisonExpression = Comparison | Exists | BooleanComparison;

export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number; readonly pos: number }
  | { readonly kind: 'repeats'; readonly times: number; readonly pos: number }
  | {
      readonly kind: 'startstop';
      readonly start: Extract<Literal, { type: 'timestamp' }>;
      readonly stop: Extract<Literal, { type: 'timestamp' }>;
      readonly pos: number;
    };

/** `[ comparisonExpression ]`: what one observation must satisfy. */
export interface SimpleObservation {
  readonly kind: 'observation';
  readonly comparison: ComparisonExpression;
  readonly pos: number;
}

/**
 * Observation-level AND / OR / FOLLOWEDBY over two or more operands. AND and OR are flattened
 * like comparisons; FOLLOWEDBY is left-associative (grammar: `<assoc=left>`), so `operands`
 * of a FOLLOWEDBY node are a left-to-right chain and a parenthesised right operand stays nested.
 */
export interface ObservationOperator {
  readonly kind: 'AND' | 'OR' | 'FOLLOWEDBY';
  readonly operands: readonly ObservationExpression[];
  readonly pos: number;
}

export interface QualifiedObservation {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifier: Qualifier;
  readonly pos: number;
}

export type ObservationExpression = SimpleObservation | ObservationOperator | QualifiedObservation;

/** A parsed pattern: the observation expression and the text it came from. */
export interface Pattern {
  readonly expression: ObservationExpression;
  readonly text: string;
}
