/**
 * The IOC index: which indicators match an observed value (addresses and networks, domains,
 * URLs, hashes, e-mail addresses), with sanity rules for doubtful values. See ioc-index.ts.
 */
export { IocIndex, type AddOptions, type IocIndexOptions } from './ioc-index.js';
export { detectLookupType } from './detect-type.js';
export { normaliseDomain } from './domain-name.js';
export { normaliseUrl, type NormalisedUrl } from './url-normalise.js';
export { parseIocValue, formatParsed, indexedType, type ParsedValue } from './ioc-value.js';
export { SanityRules, type SanityOptions } from './sanity-rules.js';
export {
  IOC_TYPES,
  type AddResult,
  type IocEntry,
  type IocType,
  type LookupType,
  type MatchDetail,
  type SanityCode,
  type SanityWarning,
} from './types.js';
