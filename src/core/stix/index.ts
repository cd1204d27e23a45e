/**
 * The STIX 2.1 object model (types discriminated on `type`), the kinds of object, TLP 1.0/2.0
 * markings, timestamps and deterministic SCO ids. `object.ts` holds the common shape storage
 * and transport code use for any object, custom ones included.
 */
export type { StixBundle, StixObject } from './object.js';
export type * from './common.js';
export type * from './sdo.js';
export type * from './sro.js';
export type * from './sco.js';
export type * from './sco-extensions.js';
export type * from './meta.js';
export type { Stix21Bundle, Stix21Object } from './model.js';
export type { MetaType, ScoType, SdoType, SroType, StixKind, StixType } from './kinds.js';
export {
  META_TYPES,
  SCO_TYPES,
  SDO_TYPES,
  SRO_TYPES,
  isStixType,
  stixKind,
  typeOfId,
} from './kinds.js';
export type { TlpLevel } from './tlp.js';
export {
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  TLP_LEVELS,
  compareTlp,
  effectiveTlp,
  parseTlp,
  tlp1MarkingDefinitions,
  tlp2MarkingDefinitions,
  tlpName,
  tlpOfMarkingId,
} from './tlp.js';
export { compareStixTimestamps, hasMillisecondPrecision, isStixTimestamp } from './timestamp.js';
export { canonicalJson } from './canonical-json.js';
export {
  SCO_ID_CONTRIBUTING_PROPERTIES,
  SCO_ID_NAMESPACE,
  computeScoId,
  scoIdContributions,
  uuidVersion,
  uuidv5,
} from './sco-id.js';
