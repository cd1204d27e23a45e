/**
 * The STIX 2.1 patterning language (STIX 2.1 §9): parse, validate, format, evaluate over
 * core `Observation`s (one at a time or as a stream), and extract simple indicators for the
 * IOC index.
 */
export type * from './ast.js';
export { parsePattern } from './parser.js';
export type { PatternSource } from './pattern-errors.js';
export { type PatternIssue, assertValidPattern, validatePattern } from './validate.js';
export {
  formatComparisonExpression,
  formatLiteral,
  formatObjectPath,
  formatPattern,
} from './format.js';
export {
  type CompiledPattern,
  type PatternMatch,
  type StreamMatcher,
  type StreamOptions,
  compilePattern,
  createStreamMatcher,
} from './compile.js';
export {
  type SimpleIndicator,
  type SimpleIndicatorType,
  extractSimpleIndicators,
} from './indicators.js';
export { type IpBlock, formatIpBlock, ipBlockWithin, parseIpBlock } from './ip.js';
export { type SafeRegex, compileSafeRegex } from './regex/pike-vm.js';
export { RegexSyntaxError } from './regex/regex-syntax.js';
export { parseStixTimestamp } from './timestamps.js';
