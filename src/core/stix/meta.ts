/**
 * STIX Meta Objects (§7: marking definitions, language content, extension definitions) and
 * the bundle (§8).
 */
import type {
  ExtensionType,
  Extensions,
  ExternalReference,
  GranularMarking,
  Identifier,
  Timestamp,
  VersionedCommon,
} from './common.js';

interface MarkingDefinitionBase {
  readonly type: 'marking-definition';
  readonly spec_version: '2.1';
  readonly id: Identifier<'marking-definition'>;
  readonly created_by_ref?: Identifier<'identity'>;
  readonly created: Timestamp;
  readonly name?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly object_marking_refs?: readonly Identifier<'marking-definition'>[];
  readonly granular_markings?: readonly GranularMarking[];
  readonly [property: string]: unknown;
}

/** §7.2.1.3: a copyright, terms of use… */
export interface StatementMarking extends MarkingDefinitionBase {
  readonly definition_type: 'statement';
  readonly definition: { readonly statement: string };
}

/** §7.2.1.4: TLP 1.0, only the four predefined objects of §7.2.1.4 exist. */
export interface Tlp1Marking extends MarkingDefinitionBase {
  readonly definition_type: 'tlp';
  readonly definition: { readonly tlp: 'white' | 'green' | 'amber' | 'red' };
}

/** The TLP 2.0 level values of the OASIS TLP 2.0 extension (`tlp_2_0`). */
export type Tlp2Value = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/**
 * TLP 2.0 (FIRST, 2022) as published by OASIS: no `definition`, a property extension under
 * `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d` holding `tlp_2_0`.
 */
export interface Tlp2Marking extends MarkingDefinitionBase {
  readonly extensions: Readonly<
    Record<string, { readonly extension_type: 'property-extension'; readonly tlp_2_0: Tlp2Value }>
  >;
}

/** Any other marking: a custom `definition_type`, or one defined by an extension. */
export interface OtherMarking extends MarkingDefinitionBase {
  readonly definition_type?: string;
  readonly definition?: Readonly<Record<string, unknown>>;
  readonly extensions?: Extensions;
}

export type MarkingDefinition = StatementMarking | Tlp1Marking | Tlp2Marking | OtherMarking;

/** §7.1: translations of another object's text properties. */
export interface LanguageContent extends VersionedCommon {
  readonly type: 'language-content';
  readonly id: Identifier<'language-content'>;
  readonly object_ref: Identifier;
  readonly object_modified?: Timestamp;
  /** Language tag → property name → translated value. */
  readonly contents: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** §7.3 */
export interface ExtensionDefinition extends VersionedCommon {
  readonly type: 'extension-definition';
  readonly id: Identifier<'extension-definition'>;
  readonly created_by_ref: Identifier<'identity'>;
  readonly name: string;
  readonly description?: string;
  /** A URL or plain text: the normative definition. */
  readonly schema: string;
  readonly version: string;
  readonly extension_types: readonly ExtensionType[];
  /** Only with `toplevel-property-extension`. */
  readonly extension_properties?: readonly string[];
}

export type StixMetaObject = MarkingDefinition | LanguageContent | ExtensionDefinition;
