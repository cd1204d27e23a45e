/**
 * The 19 STIX Domain Objects of STIX 2.1 (§4), discriminated on `type`. Open vocabularies
 * (`…_types`, `roles`, `sectors`…) are plain strings: §10 lets producers use other values.
 */
import type { Identifier, KillChainPhase, Timestamp, VersionedCommon } from './common.js';

/** §4.1 */
export interface AttackPattern extends VersionedCommon {
  readonly type: 'attack-pattern';
  readonly id: Identifier<'attack-pattern'>;
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.2 */
export interface Campaign extends VersionedCommon {
  readonly type: 'campaign';
  readonly id: Identifier<'campaign'>;
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly objective?: string;
}

/** §4.3 (the `action_*` properties are reserved and must not be used). */
export interface CourseOfAction extends VersionedCommon {
  readonly type: 'course-of-action';
  readonly id: Identifier<'course-of-action'>;
  readonly name: string;
  readonly description?: string;
}

/** §4.4 */
export interface Grouping extends VersionedCommon {
  readonly type: 'grouping';
  readonly id: Identifier<'grouping'>;
  readonly name?: string;
  readonly description?: string;
  readonly context: string;
  readonly object_refs: readonly Identifier[];
}

/** §4.5 */
export interface Identity extends VersionedCommon {
  readonly type: 'identity';
  readonly id: Identifier<'identity'>;
  readonly name: string;
  readonly description?: string;
  readonly roles?: readonly string[];
  /** individual, group, system, organization, class, unknown (identity-class-ov). */
  readonly identity_class?: string;
  readonly sectors?: readonly string[];
  readonly contact_information?: string;
}

/** §4.6 (a stub in 2.1: the incident model is left to extensions). */
export interface Incident extends VersionedCommon {
  readonly type: 'incident';
  readonly id: Identifier<'incident'>;
  readonly name: string;
  readonly description?: string;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.7 */
export interface Indicator extends VersionedCommon {
  readonly type: 'indicator';
  readonly id: Identifier<'indicator'>;
  readonly name?: string;
  readonly description?: string;
  readonly indicator_types?: readonly string[];
  readonly pattern: string;
  /** stix, pcre, sigma, snort, suricata, yara (pattern-type-ov). */
  readonly pattern_type: string;
  readonly pattern_version?: string;
  readonly valid_from: Timestamp;
  /** Later than `valid_from`. */
  readonly valid_until?: Timestamp;
  readonly kill_chain_phases?: readonly KillChainPhase[];
}

/** §4.8 */
export interface Infrastructure extends VersionedCommon {
  readonly type: 'infrastructure';
  readonly id: Identifier<'infrastructure'>;
  readonly name: string;
  readonly description?: string;
  readonly infrastructure_types?: readonly string[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
}

/** §4.9 */
export interface IntrusionSet extends VersionedCommon {
  readonly type: 'intrusion-set';
  readonly id: Identifier<'intrusion-set'>;
  readonly name: string;
  readonly description?: string;
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly goals?: readonly string[];
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: readonly string[];
}

/** §4.10: at least one of region, country, or latitude+longitude. */
export interface Location extends VersionedCommon {
  readonly type: 'location';
  readonly id: Identifier<'location'>;
  readonly name?: string;
  readonly description?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly precision?: number;
  readonly region?: string;
  readonly country?: string;
  readonly administrative_area?: string;
  readonly city?: string;
  readonly street_address?: string;
  readonly postal_code?: string;
}

/** §4.11 */
export interface Malware extends VersionedCommon {
  readonly type: 'malware';
  readonly id: Identifier<'malware'>;
  readonly name?: string;
  readonly description?: string;
  readonly malware_types?: readonly string[];
  readonly is_family: boolean;
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly operating_system_refs?: readonly Identifier<'software'>[];
  readonly architecture_execution_envs?: readonly string[];
  readonly implementation_languages?: readonly string[];
  readonly capabilities?: readonly string[];
  readonly sample_refs?: readonly Identifier<'file' | 'artifact'>[];
}

/** §4.12: `result` or `analysis_sco_refs` (or both). */
export interface MalwareAnalysis extends VersionedCommon {
  readonly type: 'malware-analysis';
  readonly id: Identifier<'malware-analysis'>;
  readonly product: string;
  readonly version?: string;
  readonly host_vm_ref?: Identifier<'software'>;
  readonly operating_system_ref?: Identifier<'software'>;
  readonly installed_software_refs?: readonly Identifier<'software'>[];
  readonly configuration_version?: string;
  readonly modules?: readonly string[];
  readonly analysis_engine_version?: string;
  readonly analysis_definition_version?: string;
  readonly submitted?: Timestamp;
  readonly analysis_started?: Timestamp;
  readonly analysis_ended?: Timestamp;
  readonly result_name?: string;
  readonly result?: string;
  readonly analysis_sco_refs?: readonly Identifier[];
  readonly sample_ref?: Identifier<'file' | 'artifact' | 'network-traffic'>;
}

/** §4.13 */
export interface Note extends VersionedCommon {
  readonly type: 'note';
  readonly id: Identifier<'note'>;
  readonly abstract?: string;
  readonly content: string;
  readonly authors?: readonly string[];
  readonly object_refs: readonly Identifier[];
}

/** §4.14: `objects` is the deprecated STIX 2.0 container, kept readable. */
export interface ObservedData extends VersionedCommon {
  readonly type: 'observed-data';
  readonly id: Identifier<'observed-data'>;
  readonly first_observed: Timestamp;
  readonly last_observed: Timestamp;
  /** 1 – 999,999,999. */
  readonly number_observed: number;
  readonly object_refs?: readonly Identifier[];
  readonly objects?: Readonly<Record<string, unknown>>;
}

/** §4.15 */
export interface Opinion extends VersionedCommon {
  readonly type: 'opinion';
  readonly id: Identifier<'opinion'>;
  readonly explanation?: string;
  readonly authors?: readonly string[];
  /** strongly-disagree … strongly-agree (opinion-enum). */
  readonly opinion: string;
  readonly object_refs: readonly Identifier[];
}

/** §4.16 */
export interface Report extends VersionedCommon {
  readonly type: 'report';
  readonly id: Identifier<'report'>;
  readonly name: string;
  readonly description?: string;
  readonly report_types?: readonly string[];
  readonly published: Timestamp;
  readonly object_refs: readonly Identifier[];
}

/** §4.17 */
export interface ThreatActor extends VersionedCommon {
  readonly type: 'threat-actor';
  readonly id: Identifier<'threat-actor'>;
  readonly name: string;
  readonly description?: string;
  readonly threat_actor_types?: readonly string[];
  readonly aliases?: readonly string[];
  readonly first_seen?: Timestamp;
  readonly last_seen?: Timestamp;
  readonly roles?: readonly string[];
  readonly goals?: readonly string[];
  readonly sophistication?: string;
  readonly resource_level?: string;
  readonly primary_motivation?: string;
  readonly secondary_motivations?: readonly string[];
  readonly personal_motivations?: readonly string[];
}

/** §4.18 */
export interface Tool extends VersionedCommon {
  readonly type: 'tool';
  readonly id: Identifier<'tool'>;
  readonly name: string;
  readonly description?: string;
  readonly tool_types?: readonly string[];
  readonly aliases?: readonly string[];
  readonly kill_chain_phases?: readonly KillChainPhase[];
  readonly tool_version?: string;
}

/** §4.19 */
export interface Vulnerability extends VersionedCommon {
  readonly type: 'vulnerability';
  readonly id: Identifier<'vulnerability'>;
  readonly name: string;
  readonly description?: string;
}

export type StixDomainObject =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
