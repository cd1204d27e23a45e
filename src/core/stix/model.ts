/**
 * The whole typed STIX 2.1 model: every object the spec defines, discriminated on `type`.
 * Custom objects (§11.1) have no static type beyond `StixObject` (object.ts).
 */
import type { StixDomainObject } from './sdo.js';
import type { StixRelationshipObject } from './sro.js';
import type { StixCyberObservable } from './sco.js';
import type { StixMetaObject } from './meta.js';
import type { Identifier } from './common.js';
import type { StixObject } from './object.js';

export type Stix21Object =
  StixDomainObject | StixRelationshipObject | StixCyberObservable | StixMetaObject;

/** §8: a bundle has no `spec_version` in 2.1 and may be empty (no `objects`). */
export interface Stix21Bundle {
  readonly type: 'bundle';
  readonly id: Identifier<'bundle'>;
  /** Known objects and custom ones alike. */
  readonly objects?: readonly (Stix21Object | StixObject)[];
}
