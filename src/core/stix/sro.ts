/** The two STIX Relationship Objects of STIX 2.1 (§5). */
import type { Identifier, Timestamp, VersionedCommon } from './common.js';

/** §5.1: `source_ref`/`target_ref` point at SDOs or SCOs, never at SROs or meta objects. */
export interface Relationship extends VersionedCommon {
  readonly type: 'relationship';
  readonly id: Identifier<'relationship'>;
  readonly relationship_type: string;
  readonly description?: string;
  readonly source_ref: Identifier;
  readonly target_ref: Identifier;
  readonly start_time?: Timestamp;
  /** Later than `start_time`. */
  readonly stop_time?: Timestamp;
}

/** §5.2 */
export interface Sighting extends VersionedCommon {
  readonly type: 'sighting';
  readonly id: Identifier<'sighting'>;
  readonly description?: string;
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  /** 0 – 999,999,999. */
  readonly count?: number;
  /** The SDO that was seen (an indicator, malware…). */
  readonly sighting_of_ref: Identifier;
  readonly observed_data_refs?: readonly Identifier<'observed-data'>[];
  readonly where_sighted_refs?: readonly Identifier<'identity' | 'location'>[];
  readonly summary?: boolean;
}

export type StixRelationshipObject = Relationship | Sighting;
